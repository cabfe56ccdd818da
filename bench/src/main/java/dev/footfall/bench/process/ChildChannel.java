package dev.footfall.bench.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child's side of {@link ChildJvm}: messages out as marked JSON lines, commands in as lines.
 * System.out is taken over at start so nothing else (a library printing) can garble a message.
 */
public final class ChildChannel {

    public static final String MARKER = "@@bench ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PrintStream out;

    private ChildChannel() {
    }

    /** Call first thing in a child's main. */
    public static synchronized void open() {
        if (out == null) {
            out = System.out;
            System.setOut(System.err);
        }
    }

    public static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    public static synchronized void send(ObjectNode message) {
        open();
        out.println(MARKER + message.toString());
        out.flush();
    }

    /** Receives commands until "stop" or the parent goes away. */
    public interface Commands {
        /** Answers one command (by {@link #send}); unknown ones get an error message. */
        void handle(String command) throws Exception;
    }

    /** Runs the command loop on the calling thread; returns on "stop" or end of input. */
    public static void serve(Commands commands) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.strip();
                if (command.equals("stop")) {
                    return;
                }
                try {
                    commands.handle(command);
                } catch (Exception e) {
                    send(message("error").put("message", command + ": " + e));
                }
            }
        } catch (IOException e) {
            // parent gone: stop
        }
    }

    /** A child that runs once: its one result, from its arguments. */
    public interface Task {
        ObjectNode run(Args args) throws Exception;
    }

    /** The whole {@code main} of a child that runs once: sends the task's result and exits (1 on a failure). */
    public static void runOnce(String[] argv, Task task) {
        open();
        try {
            send(task.run(Args.parse(argv)));
        } catch (Throwable e) {
            fail(e);
            System.exit(1);
        }
        System.exit(0);
    }

    /** Reports a failure to the parent before a child exits because of it. */
    public static void fail(Throwable e) {
        e.printStackTrace();
        send(message("error").put("message", String.valueOf(e)));
    }
}
