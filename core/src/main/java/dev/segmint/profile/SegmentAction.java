package dev.segmint.profile;

import dev.segmint.features.RfmSegment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to do with a segment, and why: the recommended marketing action and where it came from.
 *
 * <p>With RFM features (an {@code rfm_segment} column, or {@code recency_days} and {@code frequency} to score), the
 * action is that of the segment's largest named RFM group, from {@link #RFM_ACTIONS} or a user table
 * ({@link SegmentProfiles.Options#withActions(Map)}, {@code --actions FILE.csv}). Otherwise documented rules on the
 * distinguishing features decide it ({@link Source#FEATURE_RULE}), or there is no recommendation.
 *
 * @param action the action in plain words, e.g. "Personalised win-back before they go"
 * @param source where it came from
 * @param basis why, in plain words: "largest RFM group: Hibernating (93%)", "lapsed and high monetary"
 */
public record SegmentAction(String action, Source source, String basis) {

  /** Where an action came from. */
  public enum Source {
    /** The largest named RFM group of the segment, through the action table. */
    RFM_GROUP,
    /** Rules on the distinguishing features (recency_days, frequency, monetary, tenure_days). */
    FEATURE_RULE,
    /** Nothing to recommend. */
    NONE
  }

  /** The action text when nothing is recommended. */
  public static final String NO_RECOMMENDATION = "no recommendation";

  /** The default action of every named RFM group (the contract's table), by group label. */
  public static final Map<String, String> RFM_ACTIONS;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(RfmSegment.CHAMPIONS.label(), "Reward: VIP perks, early access, ask for reviews and referrals");
    m.put(RfmSegment.LOYAL_CUSTOMERS.label(), "Upsell higher-value products; loyalty programme");
    m.put(RfmSegment.POTENTIAL_LOYALISTS.label(), "Membership or loyalty offer; recommend related products");
    m.put(RfmSegment.NEW_CUSTOMERS.label(), "Welcome series and onboarding");
    m.put(RfmSegment.PROMISING.label(), "Build awareness: free trials, brand content");
    m.put(RfmSegment.NEED_ATTENTION.label(), "Limited-time offer based on past purchases");
    m.put(RfmSegment.ABOUT_TO_SLEEP.label(), "Reactivate: popular products, renewed discounts");
    m.put(RfmSegment.AT_RISK.label(), "Personalised win-back before they go");
    m.put(RfmSegment.CANT_LOSE_THEM.label(), "Priority win-back: call or exclusive offer");
    m.put(RfmSegment.HIBERNATING.label(), "Low-cost reactivation, else suppress from paid campaigns");
    RFM_ACTIONS = Collections.unmodifiableMap(m);
  }

  public SegmentAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(basis, "basis");
  }

  /** "Personalised win-back before they go (largest RFM group: At Risk (34%))". */
  @Override
  public String toString() {
    return basis.isEmpty() ? action : action + " (" + basis + ")";
  }
}
