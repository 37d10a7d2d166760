package io.tickstock.core.ring;

import java.util.Locale;

/** The three stages of every channel's handler chain, in order. */
public enum ChannelStageId
{
    VALIDATE,
    PROCESS,
    PRIORITIZE;

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
