package dev.footfall.bench.gateway;

import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.JvmSampler;

/** The commands a server under test answers: start a measurement window, report on it. */
final class ServerCommands {

    private ServerCommands() {
    }

    static void answer(String command, JvmSampler sampler) {
        switch (command) {
            case "reset" -> {
                sampler.reset();
                ChildChannel.send(ChildChannel.message("reset"));
            }
            case "stats" -> ChildChannel.send(sampler.snapshot("stats"));
            default -> throw new IllegalArgumentException("unknown command");
        }
    }
}
