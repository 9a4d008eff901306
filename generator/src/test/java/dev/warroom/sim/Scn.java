package dev.warroom.sim;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Retry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder of scenarios for the tests. */
final class Scn {
    final Map<String, Scenario.Service> services = new LinkedHashMap<>();
    final Map<String, Scenario.External> externals = new LinkedHashMap<>();
    final List<Scenario.Traffic> traffic = new ArrayList<>();
    final List<Scenario.Fault> faults = new ArrayList<>();
    long durationMs = 60_000;

    static Scn of(long durationMs) {
        Scn s = new Scn();
        s.durationMs = durationMs;
        return s;
    }

    Scn service(String id, int threads, Scenario.Queue queue, Dist processing, Call... calls) {
        return service(id, threads, queue, processing, null, false, calls);
    }

    Scn service(String id, int threads, Scenario.Queue queue, Dist processing, Scenario.Shed shed, boolean propagate,
                Call... calls) {
        Map<String, Call> cs = new LinkedHashMap<>();
        for (Call c : calls) {
            cs.put(c.to(), c);
        }
        services.put(id, new Scenario.Service(id, id, threads, queue, processing, shed, null, propagate,
                Scenario.Layout.AUTO, cs));
        return this;
    }

    Scn external(String id, Dist latency, double errorRate) {
        externals.put(id, new Scenario.External(id, id, latency, errorRate, Scenario.UNBOUNDED, Scenario.Layout.AUTO));
        return this;
    }

    Scn poisson(String entry, double rate) {
        traffic.add(new Scenario.Traffic(entry, Scenario.Traffic.Arrival.POISSON, rate, List.of(), null));
        return this;
    }

    Scn traffic(Scenario.Traffic t) {
        traffic.add(t);
        return this;
    }

    Scn fault(Scenario.Fault f) {
        faults.add(f);
        return this;
    }

    Scenario build() {
        return new Scenario(0, durationMs, services, externals, traffic, faults,
                new Scenario.Detections(Map.of(), List.of()));
    }

    Trace run(long seed) {
        return Simulation.run("test", "baseline", build(), seed);
    }

    static Call call(String to, long timeoutMs) {
        return new Call(to, 1.0, timeoutMs, Retry.NONE, null, null, null, 0, null);
    }

    static Call call(String to, long timeoutMs, Retry retry) {
        return new Call(to, 1.0, timeoutMs, retry, null, null, null, 0, null);
    }

    static Dist exp(double mean) {
        return new Dist(Dist.Kind.EXPONENTIAL, mean, mean * Math.log(2), mean * Math.log(100));
    }

    static Scenario.Queue fifo(int capacity) {
        return new Scenario.Queue(capacity, Scenario.Queue.Order.FIFO, 0);
    }

    /** Sum of a bucket field over [fromS, toS) seconds. */
    static long sum(Trace t, String svc, int fromS, int toS, java.util.function.ToIntFunction<Trace.Bucket> f) {
        long s = 0;
        for (Trace.Bucket b : t.service(svc).series().subList(fromS, toS)) {
            s += f.applyAsInt(b);
        }
        return s;
    }
}
