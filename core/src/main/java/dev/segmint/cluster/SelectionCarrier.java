package dev.segmint.cluster;

/**
 * A clustering whose k a {@link KSelection.MixedOptions} may have chosen (k-prototypes, k-medoids): it can carry that
 * selection, as k-means' and hierarchical results carry theirs, so that {@link Clustering#selection()} is not null
 * after {@code --k auto}.
 */
interface SelectionCarrier extends Clustering {

  /** The same clustering carrying {@code selection} (its chosen k is this clustering's k). */
  Clustering withSelection(KSelection.Result selection);

  /**
   * A settings text that says k was chosen: {@code "k = 4"} becomes {@code "k = 4 (auto in 3..10)"}, as k-means
   * writes it; the text unchanged when it has no {@code "k = K"} or no selection is given.
   */
  static String autoK(String settings, int k, KSelection.Result selection) {
    if (settings == null || selection == null) {
      return settings;
    }
    int[] ks = selection.ks();
    String plain = "k = " + k;
    int at = settings.indexOf(plain);
    if (at < 0 || (at + plain.length() < settings.length() && Character.isDigit(settings.charAt(at + plain.length())))) {
      return settings;
    }
    return settings.substring(0, at + plain.length()) + " (auto in " + ks[0] + ".." + ks[ks.length - 1] + ")"
        + settings.substring(at + plain.length());
  }
}
