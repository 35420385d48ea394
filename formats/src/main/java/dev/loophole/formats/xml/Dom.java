package dev.loophole.formats.xml;

import dev.loophole.model.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A small DOM reader for the XML instrument formats: elements remember the line they start on, so
 * messages can point at it, and names are compared without namespace prefixes (newer Hydrogen kits
 * declare a default namespace, older ones none).
 */
public final class Dom {
    private static final String LINE = "loophole.line";
    private final Path file;
    private final Element root;

    private Dom(Path file, Element root) {
        this.file = file;
        this.root = root;
    }

    public Path file() { return file; }

    public Element root() { return root; }

    /** Parses a file; malformed XML is an error at its line. External entities are never fetched. */
    public static Dom parse(Path file) throws IOException {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
        Deque<Node> open = new ArrayDeque<>();
        open.push(doc);
        DefaultHandler h = new DefaultHandler() {
            Locator locator;
            final StringBuilder text = new StringBuilder();

            @Override public void setDocumentLocator(Locator l) { locator = l; }

            @Override public void startElement(String uri, String local, String qName, Attributes atts) {
                flush();
                Element e = doc.createElement(qName);
                for (int i = 0; i < atts.getLength(); i++) e.setAttribute(atts.getQName(i), atts.getValue(i));
                e.setUserData(LINE, locator == null ? 0 : locator.getLineNumber(), null);
                open.peek().appendChild(e);
                open.push(e);
            }

            @Override public void endElement(String uri, String local, String qName) {
                flush();
                open.pop();
            }

            @Override public void characters(char[] ch, int start, int length) { text.append(ch, start, length); }

            private void flush() {
                if (!text.isEmpty() && open.peek() instanceof Element e) e.appendChild(doc.createTextNode(text.toString()));
                text.setLength(0);
            }
        };
        try (InputStream in = Files.newInputStream(file)) {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.newSAXParser().parse(in, h);
        } catch (SAXParseException e) {
            throw new XmlFormatException(new SourceLocation(file.toString(), e.getLineNumber(), e.getColumnNumber()),
                    "expected well-formed XML: " + e.getMessage());
        } catch (SAXException | ParserConfigurationException e) {
            throw new XmlFormatException(new SourceLocation(file.toString(), 0, 0), "expected well-formed XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (root == null) throw new XmlFormatException(new SourceLocation(file.toString(), 0, 0), "expected an XML document, found none");
        return new Dom(file, root);
    }

    /** Where an element starts, for messages. */
    public SourceLocation at(Element e) {
        Object line = e == null ? null : e.getUserData(LINE);
        return new SourceLocation(file.toString(), line instanceof Integer i ? i : 0, 0);
    }

    public XmlFormatException error(Element e, String expected) { return new XmlFormatException(at(e), expected); }

    public static String local(Node n) {
        String name = n.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    public static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        if (e == null) return out;
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++)
            if (nl.item(i) instanceof Element c && (name == null || local(c).equals(name))) out.add(c);
        return out;
    }

    public static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        return c.isEmpty() ? null : c.getFirst();
    }

    public static List<Element> descendants(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nl = e.getElementsByTagName("*");
        for (int i = 0; i < nl.getLength(); i++) if (local(nl.item(i)).equals(name)) out.add((Element) nl.item(i));
        return out;
    }

    /** The trimmed text of a child element, or {@code def} when it is absent or empty. */
    public static String text(Element e, String name, String def) {
        Element c = child(e, name);
        if (c == null) return def;
        String t = c.getTextContent().strip();
        return t.isEmpty() ? def : t;
    }

    /** A child element's number; absent means {@code def}, anything else not a number is an error at its line. */
    public double number(Element e, String name, double def) throws XmlFormatException {
        String t = text(e, name, null);
        if (t == null) return def;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException x) {
            throw error(child(e, name), "expected a number in <" + name + ">, found \"" + t + "\"");
        }
    }

    /** An attribute's number; absent or empty means {@code def}. */
    public double attrNumber(Element e, String name, double def) throws XmlFormatException {
        String t = e.getAttribute(name).strip();
        if (t.isEmpty()) return def;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException x) {
            throw error(e, "expected a number in " + name + "=, found \"" + t + "\"");
        }
    }

    public boolean flag(Element e, String name) {
        return "true".equalsIgnoreCase(text(e, name, "false"));
    }
}
