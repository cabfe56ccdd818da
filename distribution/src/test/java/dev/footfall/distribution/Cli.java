package dev.footfall.distribution;

import dev.footfall.local.FootfallCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs a {@code ./footfall} command in this JVM, as its {@code bin/footfall} would, and keeps what it printed. */
final class Cli {

    record Result(int exit, String out, String err) {
        /** The last line printed: the job id of {@code submit}, the path of {@code savepoint} and {@code stop}. */
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nout: " + out + "\nerr: " + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        return run(new CommandLine(new FootfallCli()), args);
    }

    /** Any picocli command line, such as the setup command's that {@code bin/footfall setup} runs. */
    static synchronized Result run(CommandLine command, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        StringWriter commandOut = new StringWriter();
        StringWriter commandErr = new StringWriter();
        command.setOut(new PrintWriter(commandOut, true));
        command.setErr(new PrintWriter(commandErr, true));
        try {
            int exit = command.execute(args);
            return new Result(exit, outBytes.toString(StandardCharsets.UTF_8) + commandOut,
                    errBytes.toString(StandardCharsets.UTF_8) + commandErr);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
