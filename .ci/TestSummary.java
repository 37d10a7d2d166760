import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CI's closing line over every Surefire and Failsafe report: {@code N passed, N failed}, and exit 1
 * when a check did not run or did not pass. In CI every test is required, so a skipped test counts
 * as failed (a missing browser or Node must fail the run, not shrink it), and every test class in
 * the tree must have run: a class with tests but no report (an include pattern, a profile or a
 * module that no longer runs it, or a name no include pattern matches) counts as failed too, and
 * a run with no test at all fails.
 *
 * <p>Run from the repository root after a clean build (stale reports would stand in for classes
 * that no longer run): {@code java .ci/TestSummary.java [BUILD_EXIT_CODE]}. With a non-zero build
 * exit code it still prints the closing line, and exits with that code.
 */
public final class TestSummary
{
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern TEST_METHOD = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b");
    /** Surefire's and Failsafe's include patterns as this build uses them (their defaults). */
    private static final Pattern RUN_BY_NAME = Pattern.compile("(Test.*|.*Test|.*Tests|.*TestCase|IT.*|.*IT|.*ITCase)\\.java");

    public static void main(final String[] args) throws Exception
    {
        final Path root = Path.of(".");
        final Map<String, int[]> byClass = new TreeMap<>(); // tests, failed, skipped
        final List<String> skippedCases = new ArrayList<>();
        final List<String> failedCases = new ArrayList<>();
        for (final Path report : reports(root))
        {
            final Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement();
            final NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++)
            {
                final Element testCase = (Element)cases.item(i);
                final String name = testCase.getAttribute("classname") + "." + testCase.getAttribute("name");
                final int[] counts = byClass.computeIfAbsent(suite.getAttribute("name"), k -> new int[3]);
                counts[0]++;
                if (has(testCase, "failure") || has(testCase, "error"))
                {
                    counts[1]++;
                    failedCases.add(name);
                }
                else if (has(testCase, "skipped"))
                {
                    counts[2]++;
                    skippedCases.add(name + ": " + message(testCase));
                }
            }
        }
        final List<String> notRun = new ArrayList<>();
        for (final Path source : testSources(root))
        {
            final String testClass = testClass(source);
            final int[] counts = byClass.get(testClass);
            if (!RUN_BY_NAME.matcher(source.getFileName().toString()).matches())
            {
                notRun.add(source + ": has tests, but its name matches no Surefire or Failsafe include pattern");
            }
            else if (counts == null || counts[0] == 0)
            {
                notRun.add("test class " + testClass + " has no test report");
            }
        }

        final int buildExit = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        final int tests = byClass.values().stream().mapToInt(c -> c[0]).sum();
        // a class that did not run, or a run without tests, counts as one failed test: the closing
        // line never reads clean when a check did not run
        final int failed = failedCases.size() + skippedCases.size() + notRun.size() + (tests == 0 ? 1 : 0);
        skippedCases.forEach(s -> System.out.println("SKIPPED, required in CI: " + s));
        failedCases.forEach(s -> System.out.println("FAILED: " + s));
        notRun.forEach(s -> System.out.println("NOT RUN: " + s));
        if (tests == 0)
        {
            System.out.println("NOT RUN: no test report at all");
        }
        if (buildExit != 0)
        {
            System.out.println("The build exited with " + buildExit + ": see its output above");
        }
        System.out.println((tests - failedCases.size() - skippedCases.size()) + " passed, " + failed + " failed");
        System.exit(buildExit != 0 ? buildExit : failed == 0 ? 0 : 1);
    }

    private static List<Path> reports(final Path root) throws IOException
    {
        try (Stream<Path> modules = Files.list(root))
        {
            final List<Path> reports = new ArrayList<>();
            for (final Path module : modules.filter(Files::isDirectory).sorted().collect(Collectors.toList()))
            {
                for (final String dir : List.of("target/surefire-reports", "target/failsafe-reports"))
                {
                    final Path reportDir = module.resolve(dir);
                    if (Files.isDirectory(reportDir))
                    {
                        try (Stream<Path> files = Files.list(reportDir))
                        {
                            files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().forEach(reports::add);
                        }
                    }
                }
            }
            return reports;
        }
    }

    /** Every concrete test class's source under src/test/java or src/autobahn/java: one that declares a test method. */
    private static List<Path> testSources(final Path root) throws IOException
    {
        try (Stream<Path> files = Files.walk(root))
        {
            return files
                .filter(f -> f.toString().matches(".*/src/(test|autobahn)/java/.*\\.java"))
                .filter(f -> !f.toString().contains("/node_modules/"))
                .filter(TestSummary::declaresTests)
                .sorted()
                .collect(Collectors.toList());
        }
    }

    private static boolean declaresTests(final Path source)
    {
        final String text = read(source);
        final String simple = source.getFileName().toString().replace(".java", "");
        return TEST_METHOD.matcher(text).find() &&
            !Pattern.compile("\\babstract\\s+((public|protected|private|static|strictfp)\\s+)*class\\s+" + simple + "\\b").matcher(text).find();
    }

    private static String testClass(final Path source)
    {
        final Matcher pkg = PACKAGE.matcher(read(source));
        final String simple = source.getFileName().toString().replace(".java", "");
        return pkg.find() ? pkg.group(1) + "." + simple : simple;
    }

    private static String read(final Path source)
    {
        try
        {
            return Files.readString(source);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean has(final Element testCase, final String child)
    {
        return testCase.getElementsByTagName(child).getLength() > 0;
    }

    private static String message(final Element testCase)
    {
        final Element skipped = (Element)testCase.getElementsByTagName("skipped").item(0);
        final String message = skipped.getAttribute("message");
        return message.isEmpty() ? "(no reason given)" : message;
    }
}
