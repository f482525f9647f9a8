package dev.awardsticker.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** What the benchmarks' child processes (gateway, client JVMs, the Node peer) share: a line protocol and a stop. */
final class ChildProcesses {
    private ChildProcesses() {}

    /**
     * Reads the child's output up to a line {@code "<key> <value>"} and returns the value; other lines are echoed
     * as {@code "<who>: <line>"}.
     */
    static String expect(BufferedReader out, String key, String who, Process process) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(key + " ")) {
                return line.substring(key.length() + 1).strip();
            }
            System.out.println(who + ": " + line);
        }
        throw new IOException("the " + who + " process exited (code " + exitCode(process) + ") before answering '"
                + key + "'");
    }

    /** Gives the process {@code seconds} to end (after it was asked to), then kills it. */
    static void stop(Process process, long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
