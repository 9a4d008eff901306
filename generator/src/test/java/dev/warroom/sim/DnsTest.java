package dev.warroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warroom.bank.Scenario;
import dev.warroom.bank.Scenario.Call;
import dev.warroom.bank.Scenario.Dist;
import dev.warroom.bank.Scenario.Retry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Name resolution before an attempt, each figure against an independent reference: the
 * renewal rate of a refresh-on-miss cache under Poisson arrivals, glibc's documented cost of a
 * dead nameserver (resolv.conf(5): {@code timeout} per query, nameservers in order, {@code
 * attempts} rounds), RFC 2308 negative caching (no lookup while a failure is remembered) and
 * RFC 8767 serve-stale (the expired address answers when the refresh fails, after the client
 * response timeout or at once).
 */
class DnsTest {
    private static final long SEED = 5;

    private static Scenario.Dns dns(List<String> ns, long ttl, long negTtl, long staleTtl, long staleTimeout,
                                    long timeout, int attempts, boolean coalesce) {
        return new Scenario.Dns(ns, ttl, negTtl, staleTtl, staleTimeout, timeout, attempts, coalesce);
    }

    private static Call resolved(String to, long timeoutMs, Scenario.Dns dns) {
        return new Call(to, 1.0, timeoutMs, Retry.NONE, null, null, null, 0, null, null, null, false, null, dns, null);
    }

    /** A caller (one instance: one cache) calling an external that answers at once, resolving it first. */
    private static Scn caller(long durationMs, Call call) {
        return Scn.of(durationMs).service("app", 100_000, Scenario.Queue.DEFAULT, Dist.fixed(0), call)
                .external("api", Dist.fixed(0), 0);
    }

    private static long sum(List<Integer> s) {
        return s.stream().mapToLong(Integer::longValue).sum();
    }

    private static Scenario.Traffic constant(double rate) {
        return new Scenario.Traffic("app", Scenario.Traffic.Arrival.CONSTANT, rate, List.of(), null);
    }

    private static Scenario.Fault dead(String ns, long atMs) {
        // no answer within any timeout: the queries are dropped
        return new Scenario.Fault(ns, Scenario.Fault.Kind.STEP, atMs, 0, Scenario.Fault.Shape.LINEAR,
                Dist.fixed(600_000), 1.0, 0);
    }

    @Test
    void aHealthyResolverIsAskedOncePerTtlPlusTheMeanGapToTheNextRequest() {
        // refresh on miss: the entry lives ttl after its lookup ends; the next lookup is made by the first
        // request after that, a mean 1/λ later (Poisson arrivals are memoryless): a renewal process with
        // cycle ttl + L + 1/λ, so lookups per second = 1 / (ttl + L + 1/λ)
        for (double[] c : new double[][] {{20, 2_000, 1}, {5, 3_000, 2}, {50, 1_000, 0}}) {
            double rate = c[0];
            long ttl = (long) c[1];
            long lat = (long) c[2];
            long duration = 3_000_000;
            Trace t = caller(duration, resolved("api", 0, dns(List.of("ns"), ttl, 10_000, 0, 1_800, 5_000, 2, true)))
                    .external("ns", Dist.fixed(lat), 0).poisson("app", rate).run(SEED);
            double perSecond = sum(t.edges().get("app->api").dns().lookups()) / (duration / 1000.0);
            double want = 1.0 / ((ttl + lat) / 1000.0 + 1.0 / rate);
            assertThat(perSecond).as("rate %s, ttl %s ms", rate, ttl).isCloseTo(want, within(want * 0.02));
            // the resolver saw exactly one query per lookup, and nothing failed
            assertThat(Scn.sum(t, "ns", 0, t.bucketCount(), Trace.Bucket::arrivals))
                    .isEqualTo(sum(t.edges().get("app->api").dns().lookups()));
            assertThat(Scn.sum(t, "app", 0, t.bucketCount(), b -> b.completed() - b.ok())).isZero();
        }
    }

    @Test
    void aDeadNameserverCostsTimeoutTimesAttemptsPerNameserverForEveryLookup() {
        // glibc: each query waits `timeout`, the nameservers in order, `attempts` rounds; nothing answers
        int[][] cases = {{5_000, 2, 1}, {1_000, 3, 2}, {2_000, 1, 3}};
        for (int[] c : cases) {
            long timeout = c[0];
            int attempts = c[1];
            int servers = c[2];
            List<String> ns = List.of("ns1", "ns2", "ns3").subList(0, servers);
            Scn s = caller(60_000, resolved("api", 0, dns(ns, 0, 0, 0, 1_800, timeout, attempts, false)))
                    .traffic(constant(2));
            for (String n : ns) {
                s.external(n, Dist.fixed(1), 0).fault(dead(n, 0));
            }
            Trace t = s.run(SEED);
            long cost = timeout * attempts * servers;
            // every request made its own lookup (no cache, no coalescing) and failed after exactly the cost
            for (Trace.Bucket b : t.service("app").series().subList((int) (cost / 1000) + 1, 59)) {
                assertThat(b.failed()).isEqualTo(2);
                assertThat(b.ok()).isZero();
                assertThat(b.p50Ms()).isEqualTo(cost);
                assertThat(b.p99Ms()).isEqualTo(cost);
            }
            long lookups = sum(t.edges().get("app->api").dns().lookups());
            assertThat(lookups).isEqualTo(119); // every arrival, 500 ms apart
            for (int k = 0; k < servers; k++) {
                // each lookup asked each nameserver once per round, in order: query j at j × timeout to
                // nameserver j mod servers (an enumeration of the queries sent before the end)
                long want = 0;
                for (long at = 500; at < 60_000; at += 500) {
                    for (int j = 0; j < attempts * servers; j++) {
                        want += j % servers == k && at + j * timeout < 60_000 ? 1 : 0;
                    }
                }
                assertThat(Scn.sum(t, ns.get(k), 0, 60, Trace.Bucket::arrivals)).isEqualTo(want);
            }
            assertThat(Scn.sum(t, "api", 0, 60, Trace.Bucket::arrivals)).isZero();
        }
    }

    @Test
    void aDeadFirstNameserverDelaysEveryLookupByOneTimeout() {
        // the 5 s tell-tale: nameserver 1 drops the query, the stub waits its timeout, nameserver 2 answers
        Scn s = caller(60_000, resolved("api", 0, dns(List.of("ns1", "ns2"), 0, 0, 0, 1_800, 5_000, 2, false)))
                .external("ns1", Dist.fixed(1), 0).fault(dead("ns1", 0))
                .external("ns2", Dist.fixed(3), 0).traffic(constant(2));
        Trace t = s.run(SEED);
        for (Trace.Bucket b : t.service("app").series().subList(6, 59)) {
            assertThat(b.ok()).isEqualTo(2);
            assertThat(b.p99Ms()).isEqualTo(5_003);
        }
    }

    @Test
    void aNegativeEntryPreventsLookupsForNegativeTtl() {
        // the resolver answers SERVFAIL at once; requests every 100 ms from 100 ms on
        for (long negTtl : new long[] {0, 5_000, 7_000}) {
            Scn s = caller(60_000, resolved("api", 0, dns(List.of("ns"), 0, negTtl, 0, 1_800, 5_000, 2, true)))
                    .external("ns", Dist.fixed(0), 1.0).traffic(constant(10));
            Trace t = s.run(SEED);
            Trace.DnsSeries d = t.edges().get("app->api").dns();
            // RFC 2308: a lookup at 100 ms fails at once and is remembered until 100 + negTtl; the request that
            // arrives then looks up again: one lookup per negTtl (every request without negative caching)
            long want = negTtl == 0 ? 599 : (59_900 - 100) / negTtl + 1;
            assertThat(sum(d.lookups())).as("negative_ttl %s", negTtl).isEqualTo(want);
            assertThat(sum(d.failed())).isEqualTo(want);
            assertThat(sum(d.negative())).isEqualTo(599 - want);
            // two queries (attempts) per lookup, and every request failed
            assertThat(Scn.sum(t, "ns", 0, 60, Trace.Bucket::arrivals)).isEqualTo(2 * want);
            assertThat(Scn.sum(t, "app", 0, 60, Trace.Bucket::failed)).isEqualTo(599);
        }
    }

    @Test
    void serveStaleAnswersFromTheExpiredRecordWhenTheResolverDies() {
        // ttl 10 s; the resolver dies at 20 s; requests every 100 ms
        for (long staleTimeout : new long[] {0, 1_800}) {
            Scn s = caller(120_000, resolved("api", 0, dns(List.of("ns"), 10_000, 30_000, 3_600_000, staleTimeout,
                    5_000, 2, true))).external("ns", Dist.fixed(0), 0).fault(dead("ns", 20_000)).traffic(constant(10));
            Trace t = s.run(SEED);
            Trace.DnsSeries d = t.edges().get("app->api").dns();
            // not one request fails: each one after the expiry goes on with the stale address
            assertThat(Scn.sum(t, "app", 0, 120, Trace.Bucket::failed)).isZero();
            assertThat(Scn.sum(t, "app", 0, 120, Trace.Bucket::ok)).isEqualTo(1_199);
            assertThat(sum(d.stale())).isPositive();
            assertThat(sum(d.failed())).isPositive();
            // RFC 8767's client response timeout: the requests that came while the refresh was out waited for
            // it at most stale_timeout (the first of them exactly that), or not at all
            long worst = t.service("app").series().stream().mapToLong(Trace.Bucket::p99Ms).max().orElseThrow();
            assertThat(worst).isEqualTo(staleTimeout);
        }
        // without serve-stale the same system fails every request from its first failed refresh on
        Scn s = caller(120_000, resolved("api", 0, dns(List.of("ns"), 10_000, 30_000, 0, 1_800, 5_000, 2, true)))
                .external("ns", Dist.fixed(0), 0).fault(dead("ns", 20_000)).traffic(constant(10));
        Trace t = s.run(SEED);
        assertThat(Scn.sum(t, "app", 40, 120, Trace.Bucket::ok)).isZero();
    }

    @Test
    void concurrentMissesShareOneLookupWhenCoalesced() {
        // a dead resolver (10 s a lookup) and no negative caching: coalesced, one lookup at a time
        for (boolean coalesce : new boolean[] {true, false}) {
            Scn s = caller(60_000, resolved("api", 0, dns(List.of("ns"), 0, 0, 0, 1_800, 5_000, 2, coalesce)))
                    .external("ns", Dist.fixed(1), 0).fault(dead("ns", 0)).traffic(constant(10));
            Trace t = s.run(SEED);
            long lookups = sum(t.edges().get("app->api").dns().lookups());
            // coalesced: the first at 100 ms, then the first request after each failure (at 10.1 s, 20.1 s, ...)
            assertThat(lookups).isEqualTo(coalesce ? 6 : 599);
        }
    }

    @Test
    void aRestartEmptiesTheCache() {
        // the resolver dies at 10 s; the address (looked up before the start) is good for another 60 s or more
        Scenario base = caller(60_000, resolved("api", 0, dns(List.of("ns"), 3_600_000, 10_000, 0, 1_800, 5_000, 2,
                true))).external("ns", Dist.fixed(1), 0).fault(dead("ns", 10_000)).traffic(constant(10)).build();
        Trace kept = Simulation.run("test", "baseline", base, SEED);
        Scenario restarted = base.branch(base.durationMs(),
                List.of(new Scenario.Restart(20_000, "app", 2_000, 1, 0, 1)));
        Trace t = Simulation.run("test", "restart", restarted, SEED);
        // without the restart nothing fails; after it the new process has no address and asks the dead resolver
        assertThat(Scn.sum(kept, "app", 0, 60, Trace.Bucket::failed)).isZero();
        assertThat(sum(kept.edges().get("app->api").dns().lookups())).isZero();
        assertThat(sum(t.edges().get("app->api").dns().lookups().subList(22, 60))).isPositive();
        assertThat(Scn.sum(t, "app", 22, 60, Trace.Bucket::ok)).isZero();
    }

    @Test
    void anAddressThatNeverExpiresChangesNothing() {
        // the cache is warm and fresh for the whole run: the same series as a call without dns
        Scn with = caller(60_000, resolved("api", 2_000, dns(List.of("ns"), 86_400_000, 10_000, 0, 1_800, 5_000, 2,
                true))).external("ns", Dist.fixed(1), 0).poisson("app", 200);
        Scn without = caller(60_000, Scn.call("api", 2_000)).external("ns", Dist.fixed(1), 0).poisson("app", 200);
        Trace a = with.run(SEED);
        Trace b = without.run(SEED);
        assertThat(a.service("app").series()).isEqualTo(b.service("app").series());
        assertThat(a.service("api").series()).isEqualTo(b.service("api").series());
        assertThat(b.edges().get("app->api").dns()).isNull();
        assertThat(sum(a.edges().get("app->api").dns().lookups())).isZero();
    }

    @Test
    void aForkWhileLookupsAreOutEqualsARunFromTheStart() {
        Scenario.Dns d = dns(List.of("ns"), 5_000, 3_000, 0, 1_800, 2_000, 2, true);
        Scenario base = caller(60_000, resolved("api", 0, d)).external("ns", Dist.fixed(2), 0)
                .fault(dead("ns", 10_000)).poisson("app", 50).build();
        Scenario.Dns stale = dns(List.of("ns"), 5_000, 3_000, 600_000, 1_800, 2_000, 2, true);
        Scenario.Service app = base.services().get("app");
        java.util.Map<String, Call> calls = java.util.Map.of("api", resolved("api", 0, stale));
        Scenario.Service app2 = new Scenario.Service("app", "app", app.threads(), app.queue(), app.processing(),
                app.shed(), app.rateLimit(), app.propagateDeadline(), app.layout(), calls);
        for (List<Scenario.Action> acts : List.<List<Scenario.Action>>of(
                List.of(new Scenario.EndFaults(20_500, "ns", 0)),
                List.of(new Scenario.Change(20_500, java.util.Map.of("app", app2), java.util.Map.of())))) {
            ForkPair run = ForkPair.of(base, acts, 20_500, SEED);
            Node a = run.fork().byId.get("app");
            Node b = run.direct().byId.get("app");
            assertThat(a.ok).isEqualTo(b.ok);
            assertThat(a.failed).isEqualTo(b.failed);
            assertThat(a.edges[0].dns.lookups).isEqualTo(b.edges[0].dns.lookups);
            assertThat(a.edges[0].dns.stale).isEqualTo(b.edges[0].dns.stale);
            assertThat(run.fork().events).isEqualTo(run.direct().events);
        }
    }
}
