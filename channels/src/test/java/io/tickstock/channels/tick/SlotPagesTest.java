package io.tickstock.channels.tick;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buddy allocator behind the dedup tables: blocks never overlap (every slot of every block
 * taken keeps the values written into it until given back), the counts are exact, and blocks
 * given back merge again, so that a page emptied serves a block of its whole size.
 */
class SlotPagesTest
{
    private static final int FIRST_PAGE = 1 << 12;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void blocksNeverOverlapAndMergeBackWhenAllAreGiven(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final SlotPages pages = new SlotPages();
        final List<int[]> taken = new ArrayList<>();  // {handle, slots, stamp}
        long used = 0;
        for (int step = 0; step < 20_000; step++)
        {
            if (taken.isEmpty() || random.nextInt(100) < 55)
            {
                // mostly small blocks, now and then one of a full page or larger
                final int order = random.nextInt(1_000) == 0 ? SlotPages.PAGE_ORDER + random.nextInt(2) :
                    SlotPages.MIN_ORDER + random.nextInt(9);
                final int slots = 1 << order;
                final int handle = pages.take(slots);
                fill(pages, handle, slots, step);
                taken.add(new int[] {handle, slots, step});
                used += slots;
            }
            else
            {
                final int[] block = taken.remove(random.nextInt(taken.size()));
                check(pages, block);
                pages.give(block[0], block[1]);
                used -= block[1];
            }
            assertEquals(used, pages.usedSlots(), "used slots at step " + step);
            assertTrue(pages.pageSlots() >= used, "pages hold what is used at step " + step);
        }
        for (final int[] block : taken)
        {
            check(pages, block);
        }
        for (final int[] block : taken)
        {
            pages.give(block[0], block[1]);
        }
        assertEquals(0, pages.usedSlots());
        // everything merged back: each page's whole size is one free block again
        final long pageSlots = pages.pageSlots();
        final int handle = pages.take(1 << SlotPages.PAGE_ORDER);
        assertEquals(pageSlots, pages.pageSlots(), "a full page's block from the merged free pages, no new page");
        assertEquals(0, SlotPages.offset(handle));
    }

    @Test
    void pagesStartSmallAndDoubleUpToTheFullSize()
    {
        final SlotPages pages = new SlotPages();
        final int first = pages.take(SlotPages.MIN_SLOTS);
        assertEquals(FIRST_PAGE, pages.pageSlots(), "the first page");
        assertEquals(0, first);
        // the rest of the first page serves these without a new page
        for (int i = 1; i < FIRST_PAGE / SlotPages.MIN_SLOTS; i++)
        {
            pages.take(SlotPages.MIN_SLOTS);
        }
        assertEquals(FIRST_PAGE, pages.pageSlots());
        pages.take(SlotPages.MIN_SLOTS);
        assertEquals(FIRST_PAGE + 2 * FIRST_PAGE, pages.pageSlots(), "the second page is twice the first");
        final int large = pages.take(1 << (SlotPages.PAGE_ORDER + 1));
        assertEquals(0, SlotPages.offset(large), "larger than a page: a page of its own");
        assertEquals(3L * FIRST_PAGE + (2 << SlotPages.PAGE_ORDER), pages.pageSlots());
        pages.give(large, 1 << (SlotPages.PAGE_ORDER + 1));
        assertEquals(3L * FIRST_PAGE, pages.pageSlots(), "a page of its own goes with its block");
    }

    @Test
    void aBlockGivenBackIsTakenFirstBySameSize()
    {
        final SlotPages pages = new SlotPages();
        final int a = pages.take(64);
        final int b = pages.take(64);
        assertNotEquals(a, b);
        pages.give(a, 64);
        assertEquals(a, pages.take(64));
    }

    private static void fill(final SlotPages pages, final int handle, final int slots, final int stamp)
    {
        final long[] keys = pages.keys(handle);
        final int[] times = pages.times(handle);
        final int at = SlotPages.offset(handle);
        for (int i = 0; i < slots; i++)
        {
            keys[at + i] = (long)stamp << 32 | i;
            times[at + i] = stamp ^ i;
        }
    }

    private static void check(final SlotPages pages, final int[] block)
    {
        final long[] keys = pages.keys(block[0]);
        final int[] times = pages.times(block[0]);
        final int at = SlotPages.offset(block[0]);
        for (int i = 0; i < block[1]; i++)
        {
            assertEquals((long)block[2] << 32 | i, keys[at + i], "key " + i + " of the block taken at step " + block[2]);
            assertEquals(block[2] ^ i, times[at + i], "time " + i + " of the block taken at step " + block[2]);
        }
    }
}
