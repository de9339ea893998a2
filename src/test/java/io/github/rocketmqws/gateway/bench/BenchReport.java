package io.github.rocketmqws.gateway.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where every benchmark puts its results: a section of docs/benchmarks.md between {@code <!-- bench:NAME -->} and
 * {@code <!-- /bench:NAME -->} (so a partial run replaces only what it measured, and the prose around the sections
 * stays), and named figures in target/bench/figures.properties, from which {@link BenchTargets} renders the table of
 * the targets. Files, not statics: each Quarkus test profile loads these classes in a class loader of its own.
 */
final class BenchReport {
    static final Path DOC = Path.of("docs", "benchmarks.md");
    private static final Path FIGURES = Path.of("target", "bench", "figures.properties");
    private static final Path NOTES = Path.of("target", "bench", "notes.properties");

    private BenchReport() {}

    /** Replaces the section {@code name} of docs/benchmarks.md (appends it if the markers are missing) and prints it. */
    static synchronized void section(String name, String markdown) {
        System.out.printf("%n%s%n", markdown);
        String begin = "<!-- bench:" + name + " -->";
        String end = "<!-- /bench:" + name + " -->";
        try {
            String doc = Files.exists(DOC) ? Files.readString(DOC) : "";
            String block = begin + "\n" + markdown.strip() + "\n" + end;
            int from = doc.indexOf(begin);
            int to = doc.indexOf(end);
            String updated = from >= 0 && to > from ? doc.substring(0, from) + block + doc.substring(to + end.length())
                    : doc + "\n" + block + "\n";
            Files.writeString(DOC, updated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + DOC, e);
        }
    }

    /** Keeps one figure for the targets table; {@code key} names the benchmark and the measure. */
    static synchronized void figure(String key, double value) {
        Properties figures = load(FIGURES);
        figures.setProperty(key, Double.toString(value));
        store(FIGURES, figures, "benchmark figures of the last run of each benchmark (docs/benchmarks.md)");
    }

    /** The figure kept under {@code key}, or NaN when no benchmark measured it. */
    static synchronized double figure(String key) {
        String value = load(FIGURES).getProperty(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    /**
     * Keeps a line of text beside the figures, such as why a figure is missing, for a section that renders the figures
     * of several classes; {@code null} removes it.
     */
    static synchronized void note(String key, String text) {
        Properties notes = load(NOTES);
        if (text == null) {
            notes.remove(key);
        } else {
            notes.setProperty(key, text);
        }
        store(NOTES, notes, "notes on the benchmark figures of the last run (docs/benchmarks.md)");
    }

    /** The note kept under {@code key}, or null. */
    static synchronized String note(String key) {
        return load(NOTES).getProperty(key);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return properties;
    }

    private static void store(Path file, Properties properties, String comment) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(out, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The machine a section was measured on, as one line: date, cores, CPU, memory, JDK, load average. */
    static String machine() {
        return String.format(Locale.ROOT, "Measured %s on %d cores (%s), %s memory, %s %s, %s; load average %.1f when "
                + "the section started.", LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpuModel(),
                memory(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("unknown CPU");
    }

    private static String memory() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal").map(l -> {
            long kib = Long.parseLong(l.replaceAll("\\D", ""));
            return String.format(Locale.ROOT, "%.0f GiB", kib / 1048576.0);
        }).orElse("unknown");
    }

    private static java.util.Optional<String> procLine(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }
}
