// Mixed numeric and categorical customers: k-prototypes and k-medoids (Gower) on Kaggle's marketing_campaign
// (2,240 customers): Education and Marital_Status as categories, Income and six spending columns as numbers.
// Run from the repository root:  bin/segmint-jshell examples/jshell/mixed.jsh  (docs/mixed.md explains each step)

// 1. load: tab-separated; ids and the enrolment date as text
Table customers = readCsv("data/marketing_campaign.csv.gz", "ID", "Dt_Customer")
String[] numbers = {"Income", "MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts", "MntSweetProducts", "MntGoldProds"}

// tag::fit[]
// 2. features: numbers log1p'd, missing Income imputed by the median, standard-scaled; the two text columns kept as
//    categories (level codes, no one-hot columns)
FeatureSpec spec = FeatureSpec.builder().columns("ID", "Income", "MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts", "MntSweetProducts", "MntGoldProds", "Education", "Marital_Status").numeric(NumericFeature.of("x").withImputeMedian().withLog1p().withScale(Scaler.Kind.STANDARD), numbers).add(CategoricalFeature.levels("Education")).add(CategoricalFeature.levels("Marital_Status")).build()
FeaturePipeline pipeline = spec.fit(customers)
FeatureMatrix m = pipeline.apply(customers).matrix()
System.out.println(m)

// 3. k-prototypes: squared Euclidean distance on the numbers + γ × mismatched categories (γ by default 2 × the
//    mean variance of the scaled numbers: a mismatch weighs what it weighs in 0/1 one-hot columns)
KPrototypes.Result kp = KPrototypes.fit(m, KPrototypes.Options.of(4).withSeed(7))
System.out.println(kp)

// 4. k-medoids with Gower distance: |x − y| / range on numbers, 0 or 1 on categories, averaged; every centre is a real customer
KMedoids.Result kmed = KMedoids.fit(m, KMedoids.Options.of(4).withSeed(7))
System.out.println(kmed)
// end::fit[]
System.out.printf(Locale.ROOT, "agreement of the two segmentations: adjusted Rand index %.3f%n", Agreement.adjustedRandIndex(kp.labels(), kmed.labels()))

// 5. profiles in original units: numbers as means, categories as each level's share and lift (share / population share)
Table rows = m.rowsOf(customers, "ID")
SegmentProfiles profiles = SegmentProfiles.of(rows, kp.labels(), "Income", "MntWines", "MntMeatProducts", "MntGoldProds", "Education", "Marital_Status")
System.out.println(profiles)
for (SegmentProfile p : profiles.segments()) { for (String f : List.of("Education", "Marital_Status")) { StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "segment %d %-15s", p.segment(), f)); for (LevelShare l : p.categorical(f).levels().subList(0, 3)) line.append(String.format(Locale.ROOT, "  %s %.1f %% (lift %.2f)", l.level(), 100 * l.share(), l.lift())); System.out.println(line); } }
System.out.println(SegmentProfiles.of(rows, kmed.labels(), "Income", "MntWines", "MntMeatProducts", "MntGoldProds", "Education", "Marital_Status"))

// tag::model[]
// 6. the whole job as a model: fit, save as JSON, load, and place three new customers (one with an unseen level)
SegmentationModel model = Segmentation.builder().features(spec).clusterer(KPrototypes.Options.of(4).withSeed(7)).build().fit(customers)
Path file = Files.createTempFile("segmint-mixed-", ".json")
model.save(file)
SegmentationModel loaded = SegmentationModel.load(file)
Table newCustomers = Table.create("new").addColumns(StringColumn.create("ID", "n1", "n2", "n3"), DoubleColumn.create("Income", 82000, 31000, 55000), DoubleColumn.create("MntWines", 900, 5, 300), DoubleColumn.create("MntFruits", 80, 2, 20), DoubleColumn.create("MntMeatProducts", 700, 10, 120), DoubleColumn.create("MntFishProducts", 120, 3, 30), DoubleColumn.create("MntSweetProducts", 90, 1, 20), DoubleColumn.create("MntGoldProds", 60, 8, 40), StringColumn.create("Education", "PhD", "Basic", "Graduation"), StringColumn.create("Marital_Status", "Married", "Single", "Engaged"))
Assignment placed = loaded.assign(newCustomers)
System.out.println(placed.toTable().print())
// end::model[]
System.out.println("same segments after loading: " + Arrays.equals(loaded.assign(customers).segments(), model.labels()))
System.out.println("mixed: " + m.rows() + " customers; k-prototypes " + Arrays.toString(kp.sizes()) + ", k-medoids " + Arrays.toString(kmed.sizes()) + "; " + placed.size() + " new customers placed")
/exit
