package io.tickstock.publisher.model;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * "Prove the semantics exact": for 200 fixed seeds and 5 random ones (printed in the test name, so
 * a failure reproduces with that seed), a generated feed runs through the real
 * {@code MarketPipeline} and through {@link ReferenceModel} ({@link ModelCheck}): every event a
 * client would receive, as the edge encodes it, must equal the model's field by field, per
 * (channel, symbol) and in order per channel; so must the snapshot of every symbol at the end and
 * every channel's counts, which must also satisfy docs/semantics.md §7.
 *
 * <p>A failure prints the seed, the first differing event of each (channel, symbol) with the feed
 * line that caused it, and writes the feed to {@code target/reference-model/seed-N.ndjson} (one
 * {@code source<TAB>line} per line) with the expected and published events beside it. To rerun one
 * seed, run {@link #main} with it (see docs/testing.md).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReferenceModelTest
{
    private static final int RANDOM_SEEDS = 5;

    static Stream<Arguments> seeds()
    {
        final SplittableRandom random = new SplittableRandom();
        final Stream<Arguments> fixed = LongStream.rangeClosed(1, 200).mapToObj(seed -> Arguments.of(seed, "fixed"));
        final Stream<Arguments> randomSeeds = LongStream.range(0, RANDOM_SEEDS)
            .mapToObj(n -> Arguments.of(random.nextLong(), "random"));
        return Stream.concat(fixed, randomSeeds);
    }

    @ParameterizedTest(name = "seed {0} ({1})")
    @MethodSource("seeds")
    void shouldMatchTheReferenceModelFieldForFieldAndCountForCount(final long seed, final String kind)
        throws InterruptedException, IOException
    {
        final ReferenceModel model =
            ModelCheck.assertPipelineMatchesModel("seed " + seed + " (" + kind + ")", "seed-" + seed, FeedGenerator.generate(seed));
        // a generated feed always trades: were both sides empty, the comparison would have compared nothing
        assertFalse(model.events().isEmpty(), "seed " + seed + ": the model expects events");
        assertFalse(model.snapshotSymbols().isEmpty(), "seed " + seed + ": the model expects snapshot state");
    }

    /** Reruns the given seeds, e.g. one a failure printed; fails (throws) on the first that differs. */
    public static void main(final String[] args) throws InterruptedException, IOException
    {
        for (final String seed : args)
        {
            ModelCheck.assertPipelineMatchesModel("seed " + seed, "seed-" + seed, FeedGenerator.generate(Long.parseLong(seed)));
            System.out.println("seed " + seed + ": the pipeline matches the model");
        }
    }
}
