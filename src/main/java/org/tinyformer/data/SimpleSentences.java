package org.tinyformer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyformer.base.Rng;

/**
 * A built-in corpus of simple English sentences from a seeded template grammar over about 300 words
 * (agreement, a/an, plurals, tenses, questions), for the word-level example: {@code
 * SimpleSentences.generate(5000, 1337)} gives lines like {@code the small dog chases a red ball.}
 */
public final class SimpleSentences {
  /** Nouns that can act: subjects of verbs. */
  private static final String[] ANIMATE =
      words(
          "dog cat bird fish horse cow pig sheep goat duck mouse rabbit fox wolf bear lion tiger"
              + " frog owl bee child boy girl man woman baby teacher doctor farmer baker king queen"
              + " friend student driver cook pilot nurse");

  private static final String[] THINGS =
      words(
          "ball book cup hat box car bus train boat"
              + " bike kite toy apple banana cake bread egg cookie sandwich orange carrot lemon"
              + " house garden park school river lake tree flower forest hill road bridge city"
              + " village shop kitchen room door window table chair bed lamp clock phone letter"
              + " song story picture game key bag shoe coat star moon");
  private static final String[] NOUNS = concat(ANIMATE, THINGS);
  private static final Map<String, String> IRREGULAR_PLURALS =
      Map.of(
          "mouse",
          "mice",
          "child",
          "children",
          "man",
          "men",
          "woman",
          "women",
          "sheep",
          "sheep",
          "fish",
          "fish",
          "wolf",
          "wolves",
          "knife",
          "knives",
          "leaf",
          "leaves");
  private static final String[] ADJECTIVES =
      words(
          "big small little tall short old young new happy sad angry brave quiet loud fast slow"
              + " red blue green yellow white black brown pink warm cold hot wet dry soft hard"
              + " clean dirty funny kind nice tired hungry busy lazy clever shiny round heavy light"
              + " sweet sour fresh strange friendly gentle noisy lucky pretty tiny huge");

  /** base, third person singular, past. */
  private static final String[] TRANSITIVE =
      words(
          "see:sees:saw like:likes:liked chase:chases:chased find:finds:found take:takes:took"
              + " eat:eats:ate want:wants:wanted love:loves:loved hold:holds:held carry:carries:carried"
              + " watch:watches:watched make:makes:made draw:draws:drew read:reads:read"
              + " open:opens:opened push:pushes:pushed pull:pulls:pulled help:helps:helped"
              + " call:calls:called follow:follows:followed need:needs:needed buy:buys:bought"
              + " bring:brings:brought wash:washes:washed hide:hides:hid catch:catches:caught"
              + " throw:throws:threw build:builds:built paint:paints:painted hear:hears:heard"
              + " visit:visits:visited fix:fixes:fixed");

  private static final String[] INTRANSITIVE =
      words(
          "sleep:sleeps:slept run:runs:ran jump:jumps:jumped swim:swims:swam sing:sings:sang"
              + " dance:dances:danced walk:walks:walked laugh:laughs:laughed cry:cries:cried"
              + " play:plays:played sit:sits:sat wait:waits:waited smile:smiles:smiled"
              + " fly:flies:flew rest:rests:rested work:works:worked climb:climbs:climbed"
              + " shout:shouts:shouted hide:hides:hid stop:stops:stopped");
  private static final String[] ADVERBS =
      words(
          "quickly slowly quietly loudly happily sadly carefully gently often always sometimes"
              + " together again outside inside today early late well badly");
  private static final String[] PREPOSITIONS =
      words("in on under near behind beside across into over around through by");
  private static final String[] NAMES =
      words(
          "anna ben tom lily sam mia max emma leo zoe jack lucy noah ella finn ruby oscar maya"
              + " hugo nora ivan alice omar rosa kai");
  private static final String[] GREETINGS =
      words("hello hi hey good morning evening afternoon how are you is your day what where when");

  private SimpleSentences() {}

  /** {@code count} sentences, one per string, fully determined by {@code seed}. */
  public static List<String> generate(int count, long seed) {
    Rng rng = new Rng(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(sentence(rng));
    }
    return out;
  }

  /** The distinct words the grammar can produce (about 300 lemmas, 400 forms). */
  public static java.util.SortedSet<String> vocabulary() {
    java.util.SortedSet<String> all = new java.util.TreeSet<>();
    for (String[] list : List.of(NOUNS, ADJECTIVES, ADVERBS, PREPOSITIONS, NAMES, GREETINGS)) {
      all.addAll(List.of(list));
    }
    for (String noun : NOUNS) {
      all.add(plural(noun));
    }
    for (String[] verbs : List.of(TRANSITIVE, INTRANSITIVE)) {
      for (String verb : verbs) {
        all.addAll(List.of(verb.split(":")));
      }
    }
    all.addAll(
        List.of(
            words(
                "the a an my your this some two many and is are does yesterday"
                    + " likes to with")));
    return all;
  }

  private static String sentence(Rng rng) {
    String[] verbs = TRANSITIVE;
    String[] rest = INTRANSITIVE;
    return switch (rng.nextInt(10)) {
      case 0, 1 -> join(subject(rng, false), form(pick(rng, verbs), 1), object(rng)) + ".";
      case 2 -> join(subject(rng, true), form(pick(rng, verbs), 0), object(rng)) + ".";
      case 3 -> join(subject(rng, false), form(pick(rng, rest), 1), pick(rng, ADVERBS)) + ".";
      case 4 ->
          join(subject(rng, false), form(pick(rng, rest), 2), pick(rng, PREPOSITIONS), place(rng))
              + ".";
      case 5 ->
          join("yesterday", subject(rng, rng.nextInt(2) == 0), form(pick(rng, verbs), 2))
              + " "
              + object(rng)
              + ".";
      case 6 ->
          join("does", nounPhrase(rng, false, ANIMATE), form(pick(rng, verbs), 0), object(rng))
              + "?";
      case 7 ->
          join(nounPhrase(rng, false, NOUNS), "is", pick(rng, ADJECTIVES))
              + ", and "
              + join(nounPhrase(rng, true, NOUNS), "are", pick(rng, ADJECTIVES))
              + ".";
      case 8 -> greeting(rng);
      default ->
          join(pick(rng, NAMES), "likes to", form(pick(rng, rest), 0), "with", pick(rng, NAMES))
              + ".";
    };
  }

  private static String join(String... parts) {
    return String.join(" ", parts);
  }

  private static String place(Rng rng) {
    return nounPhrase(rng, false, THINGS);
  }

  private static String greeting(Rng rng) {
    return switch (rng.nextInt(4)) {
      case 0 -> "hello, how are you?";
      case 1 -> "hi " + pick(rng, NAMES) + ", how is your day?";
      case 2 ->
          "good " + pick(rng, words("morning evening afternoon")) + ", " + pick(rng, NAMES) + "!";
      default -> "where is " + nounPhrase(rng, false, NOUNS) + "?";
    };
  }

  private static String subject(Rng rng, boolean plural) {
    if (!plural && rng.nextInt(3) == 0) {
      return pick(rng, NAMES);
    }
    if (plural && rng.nextInt(3) == 0) {
      return pick(rng, NAMES) + " and " + pick(rng, NAMES);
    }
    return nounPhrase(rng, plural, ANIMATE);
  }

  private static String object(Rng rng) {
    return nounPhrase(rng, rng.nextInt(4) == 0, NOUNS);
  }

  private static String nounPhrase(Rng rng, boolean plural, String[] nouns) {
    String noun = pick(rng, nouns);
    String head = plural ? plural(noun) : noun;
    String adjective = rng.nextInt(2) == 0 ? pick(rng, ADJECTIVES) + " " : "";
    String rest = adjective + head;
    String determiner;
    if (plural) {
      determiner = pick(rng, words("the some two many"));
    } else {
      determiner = pick(rng, words("the a my your this"));
      if (determiner.equals("a") && "aeiou".indexOf(rest.charAt(0)) >= 0) {
        determiner = "an";
      }
    }
    return determiner + " " + rest;
  }

  static String plural(String noun) {
    String irregular = IRREGULAR_PLURALS.get(noun);
    if (irregular != null) {
      return irregular;
    }
    if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
      return noun + "es";
    }
    if (noun.endsWith("y") && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }

  private static String form(String verb, int which) {
    return verb.split(":")[which];
  }

  private static String pick(Rng rng, String[] options) {
    return options[rng.nextInt(options.length)];
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String[] words(String s) {
    return s.split(" ");
  }
}
