package io.tickstock.channels.tick;

import java.util.Arrays;

/**
 * The slots of every symbol's dedup table ({@link PackedKeyTable}: a {@code long} key beside an
 * {@code int} time), carved from a few large pages by a buddy allocator, instead of a pair of
 * arrays per table.
 *
 * <p>Why: while the tables fill (at start-up, and whenever the trade rate reaches a new high) each
 * doubling allocated new arrays, and the JVM's default collector (G1) copied every one of them,
 * all alive, in its young collections: pauses of 20-45 ms at 100,000 trades/s (GC log, "Object
 * Copy"). A full page is a {@code long[]} of 4 MiB and an {@code int[]} of 2 MiB: more than half a
 * G1 region for heaps up to 8 GB (regions of up to 4 MiB), so G1 allocates them as humongous
 * objects that young collections never copy, and, holding no references, they are never scanned.
 *
 * <p>A block is a power of two of slots, from {@value #MIN_SLOTS} up to a page; a table larger than
 * a page has a page of its own. Blocks are split in halves on demand and a block given back is
 * merged with its free buddy, so the pages hold the blocks in use plus free blocks that the next
 * tables of their size (or half of it) take first. So that a quiet market or a test does not pay
 * 6 MiB up front, the first page holds 4,096 slots and each next one twice its predecessor, up to
 * the full page.
 *
 * <p>A block is named by a handle: its page in the high bits, its first slot in the page in the
 * low {@value #PAGE_ORDER}. The free lists are doubly linked through the free blocks' own key
 * slots; a byte per {@value #MIN_SLOTS} slots says where a free block of which size starts.
 *
 * <p>Not thread-safe: owned by the tick channel's validate thread.
 */
final class SlotPages
{
    /** A handle that names no block. */
    static final int NONE = -1;
    /** The smallest block, as a power of two. */
    static final int MIN_ORDER = 4;
    static final int MIN_SLOTS = 1 << MIN_ORDER;
    /** A full page's slots, as a power of two: 4 MiB of keys, 2 MiB of times. */
    static final int PAGE_ORDER = 19;
    /** The first page's slots, as a power of two. */
    private static final int FIRST_PAGE_ORDER = 12;
    private static final int OFFSET_MASK = (1 << PAGE_ORDER) - 1;

    private long[][] keyPages = new long[4][];
    private int[][] timePages = new int[4][];
    /** Per page: its size as a power of two. */
    private int[] pageOrders = new int[4];
    /** Per page, per {@link #MIN_SLOTS} slots: the order + 1 of the free block that starts there, else 0. */
    private byte[][] freeStarts = new byte[4][];
    private int pages;
    /** Per order: the handle of the first free block, or {@link #NONE}. */
    private final int[] freeHeads = new int[Integer.SIZE];
    private long pageSlots;
    private long usedSlots;

    SlotPages()
    {
        Arrays.fill(freeHeads, NONE);
    }

    /** A block of {@code slots} slots (a power of two, at least {@link #MIN_SLOTS}), its keys not cleared. */
    int take(final int slots)
    {
        final int order = Integer.numberOfTrailingZeros(slots);
        int from = order;
        while (from <= PAGE_ORDER && freeHeads[from] == NONE)
        {
            from++;
        }
        if (from > PAGE_ORDER)
        {
            final int page = addPage(order);
            from = pageOrders[page];
            if (from > PAGE_ORDER)
            {
                usedSlots += slots;
                return page << PAGE_ORDER;  // a page of its own, never on a free list
            }
        }
        final int block = freeHeads[from];
        unlink(block, from);
        // split down to the size asked for: the upper halves stay free
        for (int half = from - 1; half >= order; half--)
        {
            link(block + (1 << half), half);
        }
        usedSlots += slots;
        return block;
    }

    /** Gives back a block {@link #take} returned with the same {@code slots}, merged with its free buddies. */
    void give(final int handle, final int slots)
    {
        int order = Integer.numberOfTrailingZeros(slots);
        usedSlots -= slots;
        final int page = handle >>> PAGE_ORDER;
        if (order > PAGE_ORDER)
        {
            releasePage(page);
            return;
        }
        int offset = handle & OFFSET_MASK;
        while (order < pageOrders[page])
        {
            final int buddy = offset ^ (1 << order);
            if (freeStarts[page][buddy >>> MIN_ORDER] != order + 1)
            {
                break;
            }
            unlink(page << PAGE_ORDER | buddy, order);
            offset = Math.min(offset, buddy);
            order++;
        }
        link(page << PAGE_ORDER | offset, order);
    }

    /** The page of keys the block is in; its slots start at {@link #offset}. */
    long[] keys(final int handle)
    {
        return keyPages[handle >>> PAGE_ORDER];
    }

    /** The page of times the block is in, beside {@link #keys}. */
    int[] times(final int handle)
    {
        return timePages[handle >>> PAGE_ORDER];
    }

    static int offset(final int handle)
    {
        return handle & OFFSET_MASK;
    }

    /** Slots in all pages: 12 bytes each. */
    long pageSlots()
    {
        return pageSlots;
    }

    /** Slots in blocks taken and not given back. */
    long usedSlots()
    {
        return usedSlots;
    }

    /** Adds a page for a block of {@code order}: its own page past the full size, else the next page size, free. */
    private int addPage(final int order)
    {
        final int pageOrder = order > PAGE_ORDER ? order : Math.max(order, Math.min(PAGE_ORDER, FIRST_PAGE_ORDER + pages));
        int page = 0;
        while (page < pages && keyPages[page] != null)
        {
            page++;
        }
        if (page == 1 << (Integer.SIZE - 1 - PAGE_ORDER))
        {
            // handles are page << PAGE_ORDER in a positive int: 4,096 pages, about 24 GiB of slots
            throw new IllegalStateException("the dedup tables' pages are full: " + page + " pages of slots");
        }
        if (page == keyPages.length)
        {
            keyPages = Arrays.copyOf(keyPages, page * 2);
            timePages = Arrays.copyOf(timePages, page * 2);
            pageOrders = Arrays.copyOf(pageOrders, page * 2);
            freeStarts = Arrays.copyOf(freeStarts, page * 2);
        }
        keyPages[page] = new long[1 << pageOrder];
        timePages[page] = new int[1 << pageOrder];
        pageOrders[page] = pageOrder;
        pageSlots += 1L << pageOrder;
        pages = Math.max(pages, page + 1);
        if (pageOrder <= PAGE_ORDER)
        {
            freeStarts[page] = new byte[1 << (pageOrder - MIN_ORDER)];
            link(page << PAGE_ORDER, pageOrder);
        }
        return page;
    }

    private void releasePage(final int page)
    {
        pageSlots -= 1L << pageOrders[page];
        keyPages[page] = null;
        timePages[page] = null;
    }

    /** Pushes a free block on its order's list; the links are its first two key slots. */
    private void link(final int block, final int order)
    {
        final long[] keys = keys(block);
        final int at = offset(block);
        final int head = freeHeads[order];
        keys[at] = head;
        keys[at + 1] = NONE;
        if (head != NONE)
        {
            keys(head)[offset(head) + 1] = block;
        }
        freeHeads[order] = block;
        freeStarts[block >>> PAGE_ORDER][at >>> MIN_ORDER] = (byte)(order + 1);
    }

    private void unlink(final int block, final int order)
    {
        final long[] keys = keys(block);
        final int at = offset(block);
        final int next = (int)keys[at];
        final int previous = (int)keys[at + 1];
        if (previous == NONE)
        {
            freeHeads[order] = next;
        }
        else
        {
            keys(previous)[offset(previous)] = next;
        }
        if (next != NONE)
        {
            keys(next)[offset(next) + 1] = previous;
        }
        freeStarts[block >>> PAGE_ORDER][at >>> MIN_ORDER] = 0;
    }
}
