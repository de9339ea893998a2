package io.github.rocketmqws.gateway.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The virtual environment under target/python-venv that the Python client's tests and its benchmark run in: created
 * on first use, packages installed with pip from PyPI. Commands see only the ROCKETMQ_WS_* variables they are given,
 * never those of the shell that started the build.
 */
public final class PythonEnv {
    private static final Path VENV = Path.of("target", "python-venv");

    private PythonEnv() {}

    /** The environment's interpreter (absolute), after creating the environment if it is missing. */
    public static Path python() throws IOException, InterruptedException {
        boolean windows = File.separatorChar == '\\';
        Path python = VENV.resolve(windows ? "Scripts/python.exe" : "bin/python");
        if (!Files.isExecutable(python)) {
            check(run(List.of(windows ? "python" : "python3", "-m", "venv", VENV.toString()), Map.of(), 300), "venv");
        }
        return python.toAbsolutePath();
    }

    /** pip-installs {@code requirements} (paths such as {@code ./python-client[test]} or pinned names). */
    public static void install(String... requirements) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python().toString(), "-m", "pip", "install", "--quiet",
                "--disable-pip-version-check"));
        command.addAll(List.of(requirements));
        check(run(command, Map.of(), 600), "pip install");
    }

    /**
     * Runs {@code command}, its output and errors copied line by line to {@code System.out}; returns its exit code.
     * Not inheritIO: in a surefire fork the native stdin and stdout are surefire's channels to the fork.
     */
    public static int run(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("ROCKETMQ_WS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close(); // no input: the fork's stdin carries surefire's commands
        Thread copier = new Thread(() -> copy(process), "python-output");
        copier.setDaemon(true);
        copier.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        copier.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    private static void copy(Process process) {
        try (BufferedReader output = process.inputReader(StandardCharsets.UTF_8)) {
            output.lines().forEach(System.out::println);
        } catch (IOException | UncheckedIOException e) {
            System.out.println("python output lost: " + e);
        }
    }

    private static void check(int exit, String what) {
        if (exit != 0) {
            throw new AssertionError(what + " failed with exit code " + exit);
        }
    }
}
