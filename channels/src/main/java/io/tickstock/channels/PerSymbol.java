package io.tickstock.channels;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One stage's state per symbol, in an array indexed by {@link SymbolTable} id and created on a
 * symbol's first use: what the channels keep instead of a {@code HashMap<String, T>}.
 *
 * <p>Not thread-safe: owned by the stage's thread.
 */
public final class PerSymbol<T>
{
    private final Supplier<T> create;
    private Object[] states = new Object[1024];

    /** @param create makes a symbol's state on its first use (a constructor reference: nothing captured). */
    public PerSymbol(final Supplier<T> create)
    {
        this.create = create;
    }

    /** The state of the symbol with this id (never {@link SymbolTable#INVALID}), created now if new. */
    @SuppressWarnings("unchecked")
    public T get(final int id)
    {
        if (id >= states.length)
        {
            states = Arrays.copyOf(states, Math.max(id + 1, states.length * 2));
        }
        Object state = states[id];
        if (state == null)
        {
            state = create.get();
            states[id] = state;
        }
        return (T)state;
    }

    /** Every state created so far, in id order. */
    @SuppressWarnings("unchecked")
    public void forEach(final Consumer<? super T> action)
    {
        for (final Object state : states)
        {
            if (state != null)
            {
                action.accept((T)state);
            }
        }
    }
}
