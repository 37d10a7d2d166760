package io.tickstock.core.alert;

import io.tickstock.core.ConfigChecks;
import io.tickstock.core.EpochClock;
import io.tickstock.core.Housekeeping;
import io.tickstock.core.RateLimitedLog;
import io.tickstock.core.config.ConfigKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates every {@link AlertRule} every {@code evaluateMs} on the pipeline's {@link Housekeeping}
 * thread once {@link #start started}, and tells the {@link AlertHandler}s of each transition (so a
 * handler must not block: the webhook only queues). Each rule goes through:
 *
 * <pre>
 * INACTIVE --condition holds--> PENDING --held for forMs--> FIRING (handlers told)
 *    ^                            |                            |
 *    +------condition clears------+                 condition clears: resolved at that
 *    +----------cooldownMs after the resolution----- COOLDOWN &lt;-- evaluation (handlers told)
 * </pre>
 *
 * A condition holds when the metric reads a value above the threshold; NaN (unknown) never holds.
 * With {@code forMs} 0 a rule fires at the first evaluation its condition holds. The rule fires at
 * the first evaluation at least {@code forMs} after the one that found the condition holding, and
 * may start pending again at the first evaluation at least {@code cooldownMs} after its resolution.
 * {@link #evaluate(long)} may also be called directly with a clock of the caller's.
 *
 * <p>Thread-safe: evaluations are serialised; {@link #active()} and {@link #recent()} may be read
 * from any thread without waiting for one.
 */
public final class AlertEngine
{
    /** {@code alert.evaluateMs} (docs/configuration.md). */
    public static final ConfigKey EVALUATE_MS = ConfigKey.integer("alert.evaluateMs", 1000, 10, 3_600_000,
        "10..3600000",
        "how often every alert rule is evaluated (observability.md, \"Alert rules\")");

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final long evaluateMs;
    private final int recentSize;
    private final List<RuleTracker> trackers;
    private final List<AlertRule> rules;
    private final List<AlertHandler> handlers;
    private final List<Alert> activeList = new ArrayList<>();
    private final List<Alert> recentList = new ArrayList<>();
    private final AtomicLong handlerErrors = new AtomicLong();
    private final AtomicLong metricErrors = new AtomicLong();
    private final RateLimitedLog handlerLog = new RateLimitedLog(LOG, 10_000);
    private final RateLimitedLog metricLog = new RateLimitedLog(LOG, 10_000);
    private final List<Alert> transitions = new ArrayList<>();
    private volatile List<Alert> activeView = List.of();
    private volatile List<Alert> recentView = List.of();
    private long nextId = 1;
    private Housekeeping.Task evaluation;

    private AlertEngine(final Builder b)
    {
        evaluateMs = b.evaluateMs;
        recentSize = b.recentSize;
        rules = List.copyOf(b.rules);
        final List<RuleTracker> list = new ArrayList<>(rules.size());
        for (final AlertRule rule : rules)
        {
            list.add(new RuleTracker(rule));
        }
        trackers = List.copyOf(list);
        handlers = new CopyOnWriteArrayList<>(b.handlers);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    public long evaluateMs()
    {
        return evaluateMs;
    }

    public List<AlertRule> rules()
    {
        return rules;
    }

    /** Adds a handler; it is told of every transition from the next one on. */
    public void addHandler(final AlertHandler handler)
    {
        handlers.add(Objects.requireNonNull(handler, "handler"));
    }

    /** The alerts firing now, the most recently fired first. */
    public List<Alert> active()
    {
        return activeView;
    }

    /**
     * The last alerts that fired, firing or resolved (each once, in its latest state), the most
     * recently fired first; at most the builder's {@code recentSize}.
     */
    public List<Alert> recent()
    {
        return recentView;
    }

    /** Where the named rule stands now. */
    public synchronized AlertState state(final String rule)
    {
        for (final RuleTracker tracker : trackers)
        {
            if (tracker.rule().name().equals(rule))
            {
                return tracker.state();
            }
        }
        throw new IllegalArgumentException("no alert rule " + rule);
    }

    /** Exceptions thrown by handlers so far. */
    public long handlerErrors()
    {
        return handlerErrors.get();
    }

    /** Exceptions thrown by metrics so far (each read as an unknown value). */
    public long metricErrors()
    {
        return metricErrors.get();
    }

    /**
     * Evaluates every rule at {@code nowMs} and tells the handlers of each transition, in rule
     * order, before returning.
     *
     * @param nowMs epoch milliseconds; must not go backwards from one call to the next.
     */
    public synchronized void evaluate(final long nowMs)
    {
        for (final RuleTracker tracker : trackers)
        {
            final Alert transition = tracker.step(read(tracker.rule(), nowMs), nowMs, nextId);
            if (transition != null)
            {
                if (!transition.isResolved())
                {
                    nextId++;
                }
                transitions.add(transition);
            }
        }
        if (transitions.isEmpty())
        {
            return;
        }
        for (final Alert alert : transitions)
        {
            record(alert);
        }
        activeView = List.copyOf(activeList);
        recentView = List.copyOf(recentList);
        try
        {
            for (final Alert alert : transitions)
            {
                notifyHandlers(alert);
            }
        }
        finally
        {
            transitions.clear();
        }
    }

    private double read(final AlertRule rule, final long nowMs)
    {
        try
        {
            return rule.metric().read(nowMs);
        }
        catch (final RuntimeException ex)
        {
            metricErrors.incrementAndGet();
            metricLog.warn("alert rule {}: metric threw; read as unknown", rule.name(), ex);
            return Double.NaN;
        }
    }

    private void record(final Alert alert)
    {
        if (!alert.isResolved())
        {
            activeList.add(0, alert);
            recentList.add(0, alert);
            if (recentList.size() > recentSize)
            {
                recentList.remove(recentList.size() - 1);
            }
            return;
        }
        activeList.removeIf(a -> a.id() == alert.id());
        for (int i = 0; i < recentList.size(); i++)
        {
            if (recentList.get(i).id() == alert.id())
            {
                recentList.set(i, alert);
                break;
            }
        }
    }

    private void notifyHandlers(final Alert alert)
    {
        for (final AlertHandler handler : handlers)
        {
            try
            {
                handler.onAlert(alert);
            }
            catch (final RuntimeException ex)
            {
                handlerErrors.incrementAndGet();
                handlerLog.warn("alert handler {} threw; the other handlers were still told", handler.getClass().getName(), ex);
            }
        }
    }

    /** Starts evaluating every {@code evaluateMs} on {@code housekeeping}; idempotent. */
    public void start(final Housekeeping housekeeping)
    {
        synchronized (this)
        {
            if (evaluation == null)
            {
                evaluation = housekeeping.every(evaluateMs, "alert evaluation", () -> evaluate(EpochClock.millis()));
            }
        }
    }

    /**
     * Stops the evaluations and waits for one in progress to finish, so no handler is called once
     * this returns (unless {@link #evaluate} is called directly). Idempotent.
     */
    public void stop()
    {
        final Housekeeping.Task stopping;
        synchronized (this)
        {
            stopping = evaluation;
            evaluation = null;
        }
        // not under this engine's lock: the evaluation being waited for takes it
        if (stopping != null)
        {
            stopping.cancel();
        }
    }

    /** Collects the rules and handlers; {@link #build()} validates. */
    public static final class Builder
    {
        private final List<AlertRule> rules = new ArrayList<>();
        private final List<AlertHandler> handlers = new ArrayList<>();
        private long evaluateMs = EVALUATE_MS.defaultLong();
        private int recentSize = 100;

        private Builder()
        {
        }

        /** How often the thread evaluates every rule: 10..3,600,000 ms. Default 1,000. */
        public Builder evaluateMs(final long value)
        {
            evaluateMs = value;
            return this;
        }

        /** How many alerts {@link AlertEngine#recent()} keeps: 1..100,000. Default 100. */
        public Builder recentSize(final int value)
        {
            recentSize = value;
            return this;
        }

        public Builder rule(final AlertRule rule)
        {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder rules(final List<AlertRule> list)
        {
            list.forEach(this::rule);
            return this;
        }

        public Builder handler(final AlertHandler handler)
        {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** @throws IllegalArgumentException for a setting out of range or two rules with one name. */
        public AlertEngine build()
        {
            EVALUATE_MS.check(evaluateMs);
            ConfigChecks.range("alert.recentSize", recentSize, 1, 100_000);
            final Set<String> names = new HashSet<>();
            for (final AlertRule rule : rules)
            {
                if (!names.add(rule.name()))
                {
                    throw new IllegalArgumentException("alert rules: two rules are named '" + rule.name() + "'");
                }
            }
            return new AlertEngine(this);
        }
    }
}
