package io.tickstock.core.config;

import io.tickstock.core.ConfigChecks;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One configuration key, declared once: its name as in the configuration file, its type, its
 * default, what is allowed and one line of documentation. The builders take their defaults and
 * range checks from it, the example server parses the file with it, and docs/configuration.md's
 * key table is checked against it (allowed and meaning cells word for word).
 *
 * <p>Errors name the key, the bad value and what is allowed, in the wording of
 * docs/configuration.md ("Errors"). Immutable.
 */
public final class ConfigKey
{
    /** How the file's text is read. */
    public enum Type
    {
        /** A whole number in {@link #min()}..{@link #max()}. */
        INTEGER,
        /** A whole number that is 0 (off) or in {@link #min()}..{@link #max()}. */
        INTEGER_OR_OFF,
        /** A power of two in {@link #min()}..{@link #max()}. */
        POWER_OF_TWO,
        /** Digits with at most 6 decimals, kept as micros in {@link #min()}..{@link #max()}. */
        DECIMAL,
        /** A floating-point number of at least {@link #min()}. */
        AT_LEAST,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** One of a few names, parsed by the type the key configures. */
        CHOICE,
        /** Free text, a list or a path, checked by whoever uses it. */
        TEXT
    }

    /** Ring capacities: a power of two from 64 to 2^26. */
    public static final long MIN_RING_SIZE = 64;
    public static final long MAX_RING_SIZE = 1L << 26;

    private static final long MICROS = 1_000_000L;

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final long min;
    private final long max;
    private final String decimalWhat;
    private final String allowed;
    private final String meaning;

    private ConfigKey(final String name, final Type type, final String defaultValue, final long min, final long max,
        final String decimalWhat, final String allowed, final String meaning)
    {
        this.name = Objects.requireNonNull(name);
        this.type = type;
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.min = min;
        this.max = max;
        this.decimalWhat = decimalWhat;
        this.allowed = allowed;
        this.meaning = meaning;
    }

    /** A whole number in {@code min..max}. */
    public static ConfigKey integer(final String name, final long defaultValue, final long min, final long max,
        final String allowed, final String meaning)
    {
        return new ConfigKey(name, Type.INTEGER, Long.toString(defaultValue), min, max, null, allowed, meaning);
    }

    /** A whole number that is 0 (off) or in {@code min..max}. */
    public static ConfigKey integerOrOff(final String name, final long defaultValue, final long min, final long max,
        final String allowed, final String meaning)
    {
        return new ConfigKey(name, Type.INTEGER_OR_OFF, Long.toString(defaultValue), min, max, null, allowed, meaning);
    }

    /** A ring capacity: a power of two from {@link #MIN_RING_SIZE} to {@link #MAX_RING_SIZE}. */
    public static ConfigKey ringSize(final String name, final long defaultValue, final String allowed, final String meaning)
    {
        return new ConfigKey(name, Type.POWER_OF_TWO, Long.toString(defaultValue), MIN_RING_SIZE, MAX_RING_SIZE, null, allowed, meaning);
    }

    /**
     * A decimal with at most 6 decimals, kept as micros.
     *
     * @param what how an error names it: "a percentage", "a fraction", "a multiple", "milliseconds".
     */
    public static ConfigKey decimal(final String name, final String defaultValue, final long minMicros, final long maxMicros,
        final String what, final String allowed, final String meaning)
    {
        return new ConfigKey(name, Type.DECIMAL, defaultValue, minMicros, maxMicros, what, allowed, meaning);
    }

    /** A floating-point number of at least {@code min}, finite. */
    public static ConfigKey atLeast(final String name, final String defaultValue, final long min, final String allowed,
        final String meaning)
    {
        return new ConfigKey(name, Type.AT_LEAST, defaultValue, min, Long.MAX_VALUE, null, allowed, meaning);
    }

    public static ConfigKey bool(final String name, final boolean defaultValue, final String allowed, final String meaning)
    {
        return new ConfigKey(name, Type.BOOLEAN, Boolean.toString(defaultValue), 0, 1, null, allowed, meaning);
    }

    /** One of a few names; the configured type parses them (for example {@code WaitStrategyKind.fromConfig}). */
    public static ConfigKey choice(final String name, final String defaultValue, final String allowed, final String meaning)
    {
        return new ConfigKey(name, Type.CHOICE, defaultValue, 0, 0, null, allowed, meaning);
    }

    /** Free text, a comma-separated list or a path; its user checks it. */
    public static ConfigKey text(final String name, final String defaultValue, final String allowed, final String meaning)
    {
        return new ConfigKey(name, Type.TEXT, defaultValue, 0, 0, null, allowed, meaning);
    }

    /** This key under another name, for keys repeated per feed ({@code feed.NAME.idleTimeoutMs}): checks and errors name it. */
    public ConfigKey renamed(final String newName)
    {
        return new ConfigKey(newName, type, defaultValue, min, max, decimalWhat, allowed, meaning);
    }

    public String name()
    {
        return name;
    }

    public Type type()
    {
        return type;
    }

    /** The default as the configuration file writes it; "" for none. */
    public String defaultValue()
    {
        return defaultValue;
    }

    public long min()
    {
        return min;
    }

    public long max()
    {
        return max;
    }

    /** What is allowed, as docs/configuration.md's "allowed" cell says it. */
    public String allowed()
    {
        return allowed;
    }

    /** One line of documentation, docs/configuration.md's "meaning" cell. */
    public String meaning()
    {
        return meaning;
    }

    public long defaultLong()
    {
        return type == Type.DECIMAL ? micros(defaultValue) : Long.parseLong(defaultValue);
    }

    public int defaultInt()
    {
        return Math.toIntExact(defaultLong());
    }

    public boolean defaultBoolean()
    {
        return Boolean.parseBoolean(defaultValue);
    }

    /**
     * A builder's check of a value set in code.
     *
     * @return the value.
     * @throws IllegalArgumentException {@code KEY: VALUE is out of range; allowed: MIN..MAX} (a
     *         power-of-two key: {@code is not allowed; allowed: a power of two from MIN to MAX}).
     */
    public long check(final long value)
    {
        switch (type)
        {
            case POWER_OF_TWO -> ConfigChecks.powerOfTwo(name, value, min, max);
            case INTEGER_OR_OFF ->
            {
                if (value != 0)
                {
                    ConfigChecks.range(name, value, min, max);
                }
            }
            default -> ConfigChecks.range(name, value, min, max);
        }
        return value;
    }

    /** {@link #check(long)} with {@code min} in place of this key's own (a bound set by another key). */
    public long check(final long value, final long lowerBound)
    {
        ConfigChecks.range(name, value, lowerBound, max);
        return value;
    }

    /**
     * Reads the file's text of a whole-number key: an {@link Type#INTEGER}, {@link Type#POWER_OF_TWO}
     * or {@link Type#INTEGER_OR_OFF} (whose 1..min-1 the builder's {@link #check(long)} refuses).
     *
     * @throws IllegalArgumentException naming the key, the text and the allowed range.
     */
    public long parseLong(final String text)
    {
        final long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            if (type == Type.POWER_OF_TWO)
            {
                throw new IllegalArgumentException(name + ": '" + text + "' is not allowed; allowed: a power of two from " + min + " to " + max);
            }
            throw new IllegalArgumentException(name + ": '" + text + "' is not an integer; allowed: " + lowest() + ".." + max);
        }
        if (type == Type.POWER_OF_TWO)
        {
            return check(value);
        }
        ConfigChecks.range(name, value, lowest(), max);
        return value;
    }

    public int parseInt(final String text)
    {
        return (int)parseLong(text);
    }

    /**
     * Reads a {@link Type#DECIMAL} key's text as micros.
     *
     * @throws IllegalArgumentException {@code KEY: 'TEXT' is not allowed; allowed: WHAT from MIN to MAX with at most 6 decimals}.
     */
    public long parseMicros(final String text)
    {
        final long value = text.matches("[0-9]+(\\.[0-9]{1,6})?") ? micros(text) : Long.MIN_VALUE;
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(name + ": '" + text + "' is not allowed; allowed: " + decimalWhat + " from " +
                plain(BigDecimal.valueOf(min, 6)) + " to " + plain(BigDecimal.valueOf(max, 6)) + " with at most 6 decimals");
        }
        return value;
    }

    /**
     * Reads an {@link Type#AT_LEAST} key's text.
     *
     * @throws IllegalArgumentException {@code KEY: 'TEXT' is not a number} or {@code KEY: TEXT is out of range}; allowed: MIN or more.
     */
    public double parseDouble(final String text)
    {
        final double value;
        try
        {
            value = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number; allowed: " + min + " or more");
        }
        if (!(value >= min) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException(name + ": " + text + " is out of range; allowed: " + min + " or more");
        }
        return value;
    }

    /** @throws IllegalArgumentException {@code KEY: 'TEXT' is not allowed; allowed: true, false}. */
    public boolean parseBoolean(final String text)
    {
        if (!"true".equals(text) && !"false".equals(text))
        {
            throw new IllegalArgumentException(name + ": '" + text + "' is not allowed; allowed: true, false");
        }
        return Boolean.parseBoolean(text);
    }

    @Override
    public String toString()
    {
        return name + " = " + defaultValue;
    }

    private long lowest()
    {
        return type == Type.INTEGER_OR_OFF ? 0 : min;
    }

    /** Digits with at most 6 decimals as micros; Long.MIN_VALUE when too large. */
    private static long micros(final String text)
    {
        try
        {
            return new BigDecimal(text).movePointRight(6).longValueExact();
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    private static String plain(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
