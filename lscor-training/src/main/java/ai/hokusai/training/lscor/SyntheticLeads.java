package ai.hokusai.training.lscor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic demo leads for model 21: no real customer data. Every lead comes from one documented generative
 * process driven by a seeded {@link Random} (whose algorithm Java specifies, so a seed gives the same leads on
 * every JVM) and {@link StrictMath}.
 *
 * <ol>
 *   <li>A hidden interest level {@code u ~ N(0, 1)} drives the behavioural signals: engagement
 *       {@code 55 + 17u + N(0, 8²)} clipped to 0–100; website visits, email opens and content downloads
 *       Poisson with means {@code e^(1.6 + 0.5u)}, {@code e^(1.3 + 0.4u)}, {@code e^(0.3 + 0.5u)};
 *       demo requested with probability {@code σ(−1 + 0.9u)}, budget confirmed {@code σ(−0.9 + 0.4u)}.</li>
 *   <li>Company size {@code round(e^N(5.5, 1.6²))}, kept between 1 and 1,000,000. Industry, title and decision timeline are
 *       drawn from the tables below, each category with its own effect.</li>
 *   <li>The lead converts with probability {@code σ(z)}, where {@code z = −1.6} + industry + seniority +
 *       timeline effects {@code + 1.8·demo + 1.2·budget + 0.045·(engagement − 55)
 *       + 0.25·(ln(1 + visits) − 1.7) + 0.15·(ln(1 + downloads) − 0.8) + 0.12·(ln(size) − 5.5) + N(0, 0.3²)};
 *       the last term stands for everything a CRM does not record. Email opens have no effect of their own.</li>
 * </ol>
 */
public final class SyntheticLeads {

    /** One generated lead: an input exactly as a client would send it, and whether it converted. */
    public record Lead(Map<String, Object> input, boolean converted) {}

    private record Category(String text, double share, double effect) {}

    /** Technology and Finance convert best, Healthcare is middling, Retail and Other convert least. */
    private static final List<Category> INDUSTRIES = List.of(
            new Category("Technology", 0.30, 0.9),
            new Category("Finance", 0.20, 0.7),
            new Category("Healthcare", 0.15, 0.1),
            new Category("Retail", 0.15, -0.6),
            new Category("Other", 0.20, -0.7));

    /** Seniority: VP / Vice President above Director above Manager above everyone else. */
    private static final List<Category> SENIORITY = List.of(
            new Category("vp", 0.15, 1.3),
            new Category("director", 0.20, 0.7),
            new Category("manager", 0.30, 0.1),
            new Category("other", 0.35, -0.7));

    private static final Map<String, List<String>> TITLES = Map.of(
            "vp",
                    List.of(
                            "VP of Engineering",
                            "VP of Sales",
                            "Vice President of Marketing",
                            "VP Operations",
                            "Vice President, Finance"),
            "director",
                    List.of(
                            "Director of IT",
                            "Engineering Director",
                            "Senior Director of Sales",
                            "Director, Procurement"),
            "manager",
                    List.of(
                            "IT Manager",
                            "Product Manager",
                            "Marketing Manager",
                            "Engineering Manager",
                            "Sales Manager"),
            "other",
                    List.of(
                            "Software Engineer",
                            "Analyst",
                            "Intern",
                            "Sales Associate",
                            "Marketing Coordinator",
                            "Consultant",
                            "Marketing Intern"));

    /** The earlier the decision, the likelier the conversion. */
    private static final List<Category> TIMELINES = List.of(
            new Category("this month", 0.08, 0.9),
            new Category("ASAP", 0.06, 0.9),
            new Category("within 30 days", 0.06, 0.8),
            new Category("this quarter", 0.10, 0.6),
            new Category("Q1 2025", 0.08, 0.5),
            new Category("Q2 2025", 0.10, 0.3),
            new Category("next quarter", 0.10, 0.2),
            new Category("Q3 2025", 0.08, 0.0),
            new Category("Q4 2025", 0.08, -0.2),
            new Category("6-12 months", 0.08, -0.5),
            new Category("next year", 0.10, -0.7),
            new Category("no timeline", 0.08, -0.9));

    private SyntheticLeads() {}

    public static List<Lead> generate(long seed, int count) {
        Random random = new Random(seed);
        List<Lead> leads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leads.add(next(random));
        }
        return leads;
    }

    private static Lead next(Random random) {
        double interest = random.nextGaussian();
        double engagement = clamp(Math.round((55 + 17 * interest + 8 * random.nextGaussian()) * 10) / 10.0, 0, 100);
        int visits = poisson(random, StrictMath.exp(1.6 + 0.5 * interest));
        int opens = poisson(random, StrictMath.exp(1.3 + 0.4 * interest));
        int downloads = poisson(random, StrictMath.exp(0.3 + 0.5 * interest));
        boolean demo = random.nextDouble() < sigmoid(-1.0 + 0.9 * interest);
        boolean budget = random.nextDouble() < sigmoid(-0.9 + 0.4 * interest);
        int size =
                (int) Math.max(1, Math.min(1_000_000, Math.round(StrictMath.exp(5.5 + 1.6 * random.nextGaussian()))));
        Category industry = pick(random, INDUSTRIES);
        Category seniority = pick(random, SENIORITY);
        List<String> titles = TITLES.get(seniority.text());
        String title = titles.get(random.nextInt(titles.size()));
        Category timeline = pick(random, TIMELINES);

        double z = -1.6
                + industry.effect()
                + seniority.effect()
                + timeline.effect()
                + 1.8 * (demo ? 1 : 0)
                + 1.2 * (budget ? 1 : 0)
                + 0.045 * (engagement - 55)
                + 0.25 * (StrictMath.log1p(visits) - 1.7)
                + 0.15 * (StrictMath.log1p(downloads) - 0.8)
                + 0.12 * (StrictMath.log(size) - 5.5)
                + 0.3 * random.nextGaussian();
        boolean converted = random.nextDouble() < sigmoid(z);

        return new Lead(
                input(
                        size,
                        industry.text(),
                        engagement,
                        visits,
                        opens,
                        downloads,
                        demo,
                        budget,
                        timeline.text(),
                        title),
                converted);
    }

    /** One lead's input, keyed and typed as the API contract's {@code LeadScoringInput}. */
    public static Map<String, Object> input(
            int companySize,
            String industry,
            double engagement,
            int visits,
            int opens,
            int downloads,
            boolean demo,
            boolean budget,
            String timeline,
            String title) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("company_size", companySize);
        input.put("industry", industry);
        input.put("engagement_score", engagement);
        input.put("website_visits", visits);
        input.put("email_opens", opens);
        input.put("content_downloads", downloads);
        input.put("demo_requested", demo);
        input.put("budget_confirmed", budget);
        input.put("decision_timeline", timeline);
        input.put("title", title);
        return input;
    }

    private static Category pick(Random random, List<Category> categories) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (Category category : categories) {
            cumulative += category.share();
            if (u < cumulative) {
                return category;
            }
        }
        return categories.get(categories.size() - 1);
    }

    /** Knuth's method: exact and simple, and the means here stay small. */
    private static int poisson(Random random, double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + StrictMath.exp(-z));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
