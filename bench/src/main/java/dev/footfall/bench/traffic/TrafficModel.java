package dev.footfall.bench.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Visits to three sites, as a stream of events in event-time order. Visits start at random
 * (a Poisson process at the rate that gives the requested events per second); each is one
 * visitor from a large pool (so visitors return) reading pages, with custom events in between,
 * with the think times of real browsing. About a third of visits are bounces.
 *
 * <p>Deterministic for a seed. Not thread-safe.
 */
public final class TrafficModel {

    /**
     * Mean events per visit of the visit shape below, used to turn events/s into visits/s:
     * 0.35 + 0.65 x (2 + E[floor(min(10, Exp(2.5)))] = 2 + 2.0) = 2.95 pages, and a custom event
     * after a quarter of them, 0.74: 3.69. Measured over two million seconds of traffic: 3.67.
     */
    static final double MEAN_EVENTS_PER_VISIT = 3.67;


    private final java.util.List<Catalog.Weighted<BenchSites.BenchSite>> sites;
    private final SplittableRandom random;
    private final long visitors;
    private final double visitsPerSecond;
    private final PriorityQueue<Visit> open = new PriorityQueue<>((a, b) -> Long.compare(a.nextAtMillis, b.nextAtMillis));
    private long nextVisitAtMillis;

    /**
     * @param start event time of the first visit
     * @param eventsPerSecond average events per second of event time
     * @param visitors size of the visitor pool
     */
    public TrafficModel(long seed, Instant start, double eventsPerSecond, long visitors) {
        this(seed, start, eventsPerSecond, visitors, BenchSites.ALL);
    }

    /** Visits to the given sites only, in their relative weights. */
    public TrafficModel(long seed, Instant start, double eventsPerSecond, long visitors,
            java.util.List<BenchSites.BenchSite> onSites) {
        this.sites = onSites.stream().map(s -> new Catalog.Weighted<>(s, s.weight())).toList();
        this.random = new SplittableRandom(seed);
        this.visitors = visitors;
        this.visitsPerSecond = eventsPerSecond / MEAN_EVENTS_PER_VISIT;
        this.nextVisitAtMillis = start.toEpochMilli();
    }

    /** The next event in event-time order. */
    public SyntheticEvent next() {
        while (open.isEmpty() || nextVisitAtMillis <= open.peek().nextAtMillis) {
            open.add(new Visit(nextVisitAtMillis));
            nextVisitAtMillis += Math.max(1, Math.round(exponential(1000.0 / visitsPerSecond)));
        }
        Visit visit = open.poll();
        SyntheticEvent event = visit.emit();
        if (!visit.done()) {
            open.add(visit);
        }
        return event;
    }

    /** Events of the same visit follow one another; each call advances only this model. */
    public String newMessageId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** One visitor's visit: pages with optional custom events after them. */
    private final class Visit {
        final BenchSites.BenchSite site;
        final long visitor;
        final String anonymousId;
        final String userAgent;
        final String locale;
        final String referrer;
        final int campaign;
        final String plan;
        String userId;
        int pagesLeft;
        boolean customNext;
        long nextAtMillis;
        String path;
        String title;

        Visit(long startMillis) {
            site = Catalog.pickWeighted(sites, random);
            visitor = random.nextLong(visitors);
            anonymousId = new UUID(visitor * 31 + site.id().hashCode(), visitor).toString();
            userAgent = Catalog.userAgentOf(visitor);
            locale = Catalog.LOCALES.get((int) (visitor % Catalog.LOCALES.size()));
            referrer = Catalog.pickWeighted(Catalog.REFERRERS, random);
            campaign = random.nextInt(10) == 0 ? random.nextInt(Catalog.CAMPAIGNS.size()) : -1;
            plan = Catalog.pick(Catalog.PLANS, random);
            userId = random.nextInt(8) == 0 ? "user-" + visitor : null;
            // 35% bounce (one page); otherwise 2-12 pages, mean about 4.
            pagesLeft = random.nextInt(100) < 35 ? 1 : 2 + (int) Math.min(10, exponential(2.5));
            nextAtMillis = startMillis;
            newPage();
        }

        void newPage() {
            String section = Catalog.pick(Catalog.SECTIONS, random);
            int item = (int) Math.min(60, exponential(8));
            path = "/" + section + (item == 0 ? "" : "/item-" + item);
            title = section + " " + item;
        }

        boolean done() {
            return pagesLeft == 0 && !customNext;
        }

        SyntheticEvent emit() {
            Instant at = Instant.ofEpochMilli(nextAtMillis);
            String query = campaign >= 0 ? "?utm_campaign=" + Catalog.CAMPAIGNS.get(campaign) + "&utm_source="
                    + Catalog.CAMPAIGN_SOURCES.get(campaign) + "&utm_medium=" + Catalog.CAMPAIGN_MEDIA.get(campaign) : "";
            String url = "https://" + site.host() + path + query;
            SyntheticEvent event;
            if (customNext) {
                customNext = false;
                String name = Catalog.pick(Catalog.EVENT_NAMES, random);
                if (name.equals("Signed Up") && userId == null) {
                    userId = "user-" + visitor;
                }
                event = new SyntheticEvent("track", site, anonymousId, userId, newMessageId(), name, url, path, title,
                        referrer, campaign, userAgent, locale, plan, at);
                nextAtMillis += 1000 + (long) exponential(20_000);
                newPage();
            } else {
                event = new SyntheticEvent("page", site, anonymousId, userId, newMessageId(), null, url, path, title,
                        referrer, campaign, userAgent, locale, plan, at);
                pagesLeft--;
                customNext = random.nextInt(100) < 25;
                if (customNext) {
                    nextAtMillis += 1000 + (long) exponential(10_000);
                } else {
                    nextAtMillis += 2000 + Math.min(Duration.ofMinutes(20).toMillis(), (long) exponential(45_000));
                    newPage();
                }
            }
            return event;
        }
    }
}
