package io.newswatch.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

public class FingerprintTest {
  /** What the alerts stage takes for a copy (its Originals.MAX_DISTANCE). */
  public static final int COPY_DISTANCE = 6;

  static final String STORY = """
      Russian forces shelled the town of Kostiantynivka in the Donetsk region overnight, \
      local officials said on Thursday. At least three civilians were killed and eleven \
      wounded when artillery hit a residential district near the railway station. The \
      regional governor said emergency services were still clearing rubble from two \
      apartment blocks and that the evacuation of families with children would continue. \
      Ukrainian troops repelled several assaults on the eastern outskirts, the general \
      staff reported, while Moscow said its units had advanced towards the city centre.

      The town, a railway junction about 20 kilometres from the front line, has been hit \
      almost daily since the summer. Most of its pre-war population of around 67,000 has \
      left, and those who remain are mostly elderly residents who say they have nowhere \
      else to go. Water and gas supplies were cut in several districts after the latest \
      strikes, and the city administration opened two heating points in school basements.

      Military analysts say Russian commanders are trying to reach the town from the \
      south-east while keeping up pressure on Chasiv Yar to the north. Ukrainian officials \
      have asked Western partners for more air defence systems and artillery shells, \
      saying that glide bombs dropped from aircraft beyond the range of their weapons \
      cause most of the damage. Neither side's claims could be independently verified.""";

  /** A syndicated copy: a synonym, a figure in digits, a dropped clause. */
  static final String REWORDED = STORY
      .replace("Russian forces shelled", "Russian troops shelled")
      .replace("At least three civilians", "At least 3 civilians")
      .replace(", the general staff reported", "");

  static final String OTHER_STORY = """
      Ukraine's parliament approved a budget amendment on Thursday that raises defence \
      spending and cuts subsidies for energy companies. Lawmakers debated the measure for \
      six hours before the vote, and the finance minister said the changes would keep the \
      deficit within the limits agreed with international lenders.""";

  @Test
  void rewordedCopyIsCloseAndDifferentStoryIsFar() {
    long story = Fingerprint.of(STORY);
    assertThat(Fingerprint.distance(story, Fingerprint.of(REWORDED))).isLessThanOrEqualTo(COPY_DISTANCE);
    assertThat(Fingerprint.distance(story, Fingerprint.of(OTHER_STORY))).isGreaterThan(2 * COPY_DISTANCE);
  }

  /**
   * SimHash is a vote of bits, so one copy may land past the distance by chance: the share
   * that does is what a desk sees as stories counted twice.
   */
  @Test
  void nearlyEveryCopyWithThreeWordsChangedIsFound() {
    String[] words = STORY.split(" ");
    long story = Fingerprint.of(STORY);
    Random random = new Random(7);
    int found = 0;
    int copies = 500;
    for (int i = 0; i < copies; i++) {
      String[] copy = words.clone();
      for (int edit = 0; edit < 3; edit++) {
        copy[random.nextInt(copy.length)] = "word" + random.nextInt(1000);
      }
      found += Fingerprint.distance(story, Fingerprint.of(String.join(" ", copy)))
          <= COPY_DISTANCE ? 1 : 0;
    }
    assertThat(found).isGreaterThanOrEqualTo(copies * 9 / 10);
  }
}
