package dev.footfall.bench.freshness;

import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.JvmSampler;

/** The memory floor: a JVM with the same flags and classpath that does nothing. */
public final class IdleJvmProcess {

    private IdleJvmProcess() {
    }

    public static void main(String[] argv) {
        ChildChannel.open();
        JvmSampler sampler = new JvmSampler().start();
        ChildChannel.send(ChildChannel.message("ready"));
        ChildChannel.serve(command -> {
            if (command.equals("stats")) {
                ChildChannel.send(sampler.snapshot("stats"));
            } else {
                throw new IllegalArgumentException("unknown command");
            }
        });
        System.exit(0);
    }
}
