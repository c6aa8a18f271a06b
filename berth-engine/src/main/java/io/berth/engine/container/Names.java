package io.berth.engine.container;

import io.berth.common.BerthException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Container names: Docker's validation, and generated names in Docker's adjective_surname style. */
final class Names {
  private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
  private static final String[] LEFT = {
      "admiring", "adoring", "affectionate", "agitated", "amazing", "angry", "awesome", "beautiful", "blissful",
      "bold", "boring", "brave", "busy", "charming", "clever", "compassionate", "competent", "condescending",
      "confident", "cool", "cranky", "crazy", "dazzling", "determined", "distracted", "dreamy", "eager", "ecstatic",
      "elastic", "elated", "elegant", "eloquent", "epic", "exciting", "fervent", "festive", "flamboyant", "focused",
      "friendly", "frosty", "funny", "gallant", "gifted", "goofy", "gracious", "great", "happy", "hardcore",
      "heuristic", "hopeful", "hungry", "infallible", "inspiring", "intelligent", "interesting", "jolly", "jovial",
      "keen", "kind", "laughing", "loving", "lucid", "magical", "modest", "musing", "mystifying", "naughty",
      "nervous", "nice", "nifty", "nostalgic", "objective", "optimistic", "peaceful", "pedantic", "pensive",
      "practical", "priceless", "quirky", "quizzical", "recursing", "relaxed", "reverent", "romantic", "sad",
      "serene", "sharp", "silly", "sleepy", "stoic", "strange", "stupefied", "suspicious", "sweet", "tender",
      "thirsty", "trusting", "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly", "wonderful",
      "xenodochial", "youthful", "zealous", "zen"};
  private static final String[] RIGHT = {
      "agnesi", "albattani", "allen", "almeida", "archimedes", "ardinghelli", "aryabhata", "austin", "babbage",
      "banach", "bardeen", "bartik", "bassi", "bell", "benz", "bhabha", "blackburn", "blackwell", "bohr", "booth",
      "borg", "bose", "brahmagupta", "brattain", "brown", "carson", "cerf", "chandrasekhar", "chaplygin",
      "chatelet", "chebyshev", "clarke", "colden", "cori", "cray", "curie", "darwin", "davinci", "diffie",
      "dijkstra", "dirac", "driscoll", "dubinsky", "easley", "edison", "einstein", "elion", "engelbart", "euclid",
      "euler", "faraday", "fermat", "fermi", "feynman", "franklin", "galileo", "gates", "goldberg", "goldstine",
      "golick", "goodall", "gould", "haibt", "hamilton", "hawking", "heisenberg", "hermann", "hodgkin", "hofstadter",
      "hoover", "hopper", "hugle", "hypatia", "jackson", "jang", "jennings", "jepsen", "johnson", "joliot",
      "jones", "kalam", "keldysh", "keller", "kepler", "khorana", "kilby", "kirch", "knuth", "kowalevski",
      "lalande", "lamarr", "lamport", "leakey", "leavitt", "lehmann", "lewin", "lichterman", "liskov", "lovelace",
      "lumiere", "mahavira", "matsumoto", "maxwell", "mayer", "mccarthy", "mcclintock", "meitner", "mendel",
      "merkle", "mestorf", "mirzakhani", "morse", "murdock", "napier", "nash", "neumann", "newton", "nobel",
      "noether", "northcutt", "noyce", "panini", "pare", "pascal", "pasteur", "payne", "perlman", "pike",
      "poincare", "poitras", "ptolemy", "raman", "ramanujan", "ride", "ritchie", "robinson", "roentgen",
      "rosalind", "saha", "sammet", "shamir", "shannon", "shaw", "shirley", "shockley", "sinoussi", "snyder",
      "spence", "stonebraker", "sutherland", "swanson", "swartz", "swirles", "taussig", "tesla", "thompson",
      "torvalds", "turing", "varahamihira", "vaughan", "villani", "visvesvaraya", "volhard", "wescoff", "wiles",
      "williams", "wilson", "wing", "wozniak", "wright", "wu", "yalow", "yonath", "zhukovsky"};
  private static final SecureRandom RANDOM = new SecureRandom();

  private Names() {}

  static String validate(String name) {
    if (!VALID.matcher(name).matches()) {
      throw new BerthException.InvalidParameter("Invalid container name (" + name
          + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** adjective_surname; with {@code retry > 0} a digit is appended, as Docker does on collisions. */
  static String generate(int retry) {
    String name = LEFT[RANDOM.nextInt(LEFT.length)] + "_" + RIGHT[RANDOM.nextInt(RIGHT.length)];
    if (name.equals("boring_wozniak")) { // Steve Wozniak is not boring (Docker's rule)
      return generate(retry);
    }
    return retry > 0 ? name + RANDOM.nextInt(10) : name;
  }
}
