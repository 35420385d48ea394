import com.sun.media.sound.AudioSynthesizer;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Renders a MIDI file through a SoundFont with the JDK's own synthesizer (Gervill), offline, as
 * fast as it can: the peer for bench/compare.sh. Compile and run with
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} (not with --release).
 *
 * <pre>java … GervillRender bank.sf2 song.mid out.wav [interpolation] [tailSeconds]</pre>
 *
 * interpolation: point, linear, cubic, lanczos or sinc (Gervill's names; default sinc). Reverb and
 * chorus are off, 48 kHz stereo 32-bit float, polyphony 256. The render stops {@code tailSeconds}
 * (default 3) after the last MIDI event.
 */
public final class GervillRender {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: GervillRender bank.sf2 song.mid out.wav [interpolation] [tailSeconds]");
            System.exit(2);
        }
        String interpolation = args.length > 3 ? args[3] : "sinc";
        double tail = args.length > 4 ? Double.parseDouble(args[4]) : 3;
        long t0 = System.nanoTime();
        AudioSynthesizer synth = (AudioSynthesizer) MidiSystem.getSynthesizer();
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 48000, 32, 2, 8, 48000, false);
        Map<String, Object> info = new HashMap<>();
        info.put("interpolation", interpolation);
        info.put("max polyphony", 256);
        info.put("reverb", false);
        info.put("chorus", false);
        info.put("large mode", false);
        AudioInputStream stream = synth.openStream(format, info);
        Soundbank bank = MidiSystem.getSoundbank(new File(args[0]));
        Soundbank builtIn = synth.getDefaultSoundbank();
        if (builtIn != null) synth.unloadAllInstruments(builtIn);
        synth.loadAllInstruments(bank);
        long t1 = System.nanoTime();

        Sequence seq = MidiSystem.getSequence(new File(args[1]));
        long lengthMicros = send(seq, synth.getReceiver());
        long frames = (long) ((lengthMicros / 1e6 + tail) * format.getFrameRate());
        AudioInputStream limited = new AudioInputStream(stream, format, frames);
        AudioSystem.write(limited, AudioFileFormat.Type.WAVE, new File(args[2]));
        long t2 = System.nanoTime();
        synth.close();
        System.err.printf("gervill: %s: load %.3f s, render %.3f s, %.2f s of audio, interpolation %s%n",
                args[1], (t1 - t0) / 1e9, (t2 - t1) / 1e9, frames / (double) format.getFrameRate(), interpolation);
    }

    /** Sends every event with its time stamp in microseconds (tempo changes applied); returns the last time. */
    private static long send(Sequence seq, Receiver recv) {
        if (seq.getDivisionType() != Sequence.PPQ) throw new IllegalArgumentException("only PPQ timing is supported");
        int ppq = seq.getResolution();
        // merge all tracks by tick, keeping track order for equal ticks
        java.util.List<MidiEvent> all = new java.util.ArrayList<>();
        for (Track t : seq.getTracks()) for (int i = 0; i < t.size(); i++) all.add(t.get(i));
        all.sort(java.util.Comparator.comparingLong(MidiEvent::getTick)); // stable
        long lastTick = 0, micros = 0;
        double mpq = 500_000;
        for (MidiEvent e : all) {
            micros += (long) ((e.getTick() - lastTick) * mpq / ppq);
            lastTick = e.getTick();
            MidiMessage m = e.getMessage();
            if (m instanceof MetaMessage meta) {
                if (meta.getType() == 0x51) {
                    byte[] d = meta.getData();
                    mpq = ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
                }
                continue;
            }
            recv.send(m, micros);
        }
        return micros;
    }
}
