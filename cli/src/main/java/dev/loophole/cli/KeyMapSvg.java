package dev.loophole.cli;

import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import java.util.Map;

/**
 * Draws a program's keyboard × velocity map as SVG: one translucent rectangle per region, coloured
 * by group, a keyboard along the bottom with key-switch keys marked red and key labels written above.
 */
final class KeyMapSvg {
    static final int KEY_W = 9, VEL_H = 3, KEYBOARD_H = 40, LABEL_H = 90, MARGIN = 30;

    private KeyMapSvg() {}

    static String draw(Program p) {
        int width = 128 * KEY_W + 2 * MARGIN, mapTop = MARGIN + LABEL_H, mapH = 127 * VEL_H;
        int height = mapTop + mapH + KEYBOARD_H + MARGIN;
        StringBuilder s = new StringBuilder();
        s.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"10\">%n",
                width, height, width, height));
        s.append(String.format("<title>%s</title>%n", esc(p.name())));
        s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f7f7f7\" stroke=\"#999\"/>%n", MARGIN, mapTop, 128 * KEY_W, mapH));
        for (int v = 32; v < 128; v += 32)
            s.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"#666\">%d</text>%n", 4, mapTop + (127 - v) * VEL_H + 4, v));
        int g = 0;
        boolean[] switches = new boolean[128];
        for (SampleGroup group : p.groups()) {
            String colour = String.format("hsl(%d,70%%,45%%)", (g++ * 137) % 360);
            for (SampleRegion r : group.regions()) {
                int x = MARGIN + r.keyRange().lo() * KEY_W, w = (r.keyRange().hi() - r.keyRange().lo() + 1) * KEY_W;
                int lov = Math.max(1, r.velocityRange().lo()), hiv = r.velocityRange().hi();
                int y = mapTop + (127 - hiv) * VEL_H, h = Math.max(1, (hiv - lov + 1) * VEL_H);
                String name = r.label() != null ? r.label() : r.sample() == null ? r.regionId() : fileName(r.sample().path());
                s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.35\" stroke=\"%s\"><title>%s</title></rect>%n",
                        x, y, w, h, colour, colour, esc(name + " — keys " + r.keyRange().lo() + ".." + r.keyRange().hi()
                                + ", velocity " + r.velocityRange().lo() + ".." + r.velocityRange().hi())));
                if (r.conditions().swLast() >= 0) switches[r.conditions().swLast()] = true;
                if (r.conditions().keySwitchRange() != null)
                    for (int k = r.conditions().keySwitchRange().lo(); k <= r.conditions().keySwitchRange().hi(); k++) switches[Math.min(127, Math.max(0, k))] = true;
            }
        }
        int kbTop = mapTop + mapH + 4;
        for (int k = 0; k < 128; k++) {
            boolean black = switch (k % 12) { case 1, 3, 6, 8, 10 -> true; default -> false; };
            String fill = switches[k] ? "#d33" : black ? "#222" : "#fff";
            s.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#888\"/>%n",
                    MARGIN + k * KEY_W, kbTop, KEY_W, black ? KEYBOARD_H * 2 / 3 : KEYBOARD_H, fill));
            if (k % 12 == 0)
                s.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"#333\">C%d</text>%n", MARGIN + k * KEY_W, kbTop + KEYBOARD_H + 12, k / 12 - 1));
        }
        for (Map.Entry<Integer, String> e : p.keyLabels().entrySet()) {
            int x = MARGIN + e.getKey() * KEY_W + KEY_W / 2 + 3;
            s.append(String.format("<text transform=\"translate(%d,%d) rotate(-60)\" fill=\"#333\">%s</text>%n", x, mapTop - 4, esc(e.getValue())));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String fileName(String path) {
        int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return i < 0 ? path : path.substring(i + 1);
    }

    static String esc(String t) {
        return t == null ? "" : t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
