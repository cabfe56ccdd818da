package dev.footfall.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The measured rounds of one server under one shape of load, summed: throughput over all rounds,
 * latency percentiles as the median of the rounds' (wrk cannot merge its histograms), CPU per
 * request from the server's own CPU time, heap peaks over all rounds.
 */
final class Rounds {

    private static final double MB = 1024 * 1024;

    private final List<Wrk.Result> loads = new ArrayList<>();
    private final List<JsonNode> servers = new ArrayList<>();

    void add(Wrk.Result load, JsonNode server) {
        loads.add(load);
        servers.add(server);
    }

    List<Wrk.Result> loads() {
        return loads;
    }

    List<JsonNode> servers() {
        return servers;
    }

    long succeeded() {
        return loads.stream().mapToLong(Wrk.Result::succeeded).sum();
    }

    long statusErrors() {
        return loads.stream().mapToLong(Wrk.Result::statusErrors).sum();
    }

    long socketErrors() {
        return loads.stream().mapToLong(Wrk.Result::errors).sum();
    }

    double seconds() {
        return loads.stream().mapToDouble(Wrk.Result::seconds).sum();
    }

    double requestsPerSecond() {
        return succeeded() / seconds();
    }

    double p50Millis() {
        return median(loads, Wrk.Result::p50Millis);
    }

    double p99Millis() {
        return median(loads, Wrk.Result::p99Millis);
    }

    double wrkCores() {
        return loads.stream().mapToDouble(Wrk.Result::wrkCpuSeconds).sum() / seconds();
    }

    double cpuSeconds() {
        return sum("cpuSeconds");
    }

    double cores() {
        return cpuSeconds() / sum("windowSeconds");
    }

    double cpuMillisPerRequest() {
        return cpuSeconds() * 1000 / Math.max(1, succeeded());
    }

    double peakHeapAfterGcMb() {
        return max("peakHeapAfterGcBytes") / MB;
    }

    double peakHeapUsedMb() {
        return max("peakHeapUsedBytes") / MB;
    }

    double gcShare() {
        return sum("gcMillis") / 1000 / sum("windowSeconds");
    }

    private double sum(String field) {
        return servers.stream().mapToDouble(s -> s.path(field).asDouble()).sum();
    }

    private double max(String field) {
        return servers.stream().mapToDouble(s -> s.path(field).asDouble()).max().orElse(Double.NaN);
    }

    private static double median(List<Wrk.Result> results, ToDoubleFunction<Wrk.Result> value) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
