"""Every YAML format of exams, declared once with its documentation.

The same declarations validate what a teacher writes (unknown keys get a "did you
mean"), fill in defaults, and document the formats (`Schema.describe`). Dutch key
names are accepted as aliases.
"""

from __future__ import annotations

from handouts.exam.fields import difficulty, identifier, positive, version_count
from handouts.exam.model import QUESTION_TYPES, TYPE_ALIASES
from handouts.language import LANGUAGES
from handouts.load.schema import Field, Schema, check_date

BANK = Schema("question bank", (
    Field("title", "what the bank is about"),
    Field("tags", "every tag the questions may use, with the topic name for the key "
          "(tag: name)", dict, aliases=("onderwerpen",)),
    Field("questions", "the questions and case groups", list, required=True,
          aliases=("vragen",)),
))

QUESTION = Schema("question", (
    Field("id", "a stable unique id, e.g. rug-atlas-1; never reuse one", required=True,
          check=identifier),
    Field("type", "the kind of question", required=True,
          choices=tuple(QUESTION_TYPES) + tuple(TYPE_ALIASES), aliases=("soort",)),
    Field("tags", "topic tags; the first is the topic in the key's blueprint table",
          list, required=True, aliases=("onderwerp",)),
    Field("difficulty", "1 (easy), 2 or 3 (hard)", int, required=True,
          check=difficulty, aliases=("niveau",)),
    Field("points", "points for a fully correct answer", int, 1, check=positive,
          aliases=("punten",)),
    Field("stem", "the question text (inline Markdown; may hold a figure)", required=True,
          aliases=("vraag",)),
    Field("handout", "the handout section this question tests", aliases=("hoofdstuk",)),
    Field("feedback", "shown in the answer key", aliases=("toelichting",)),
    Field("params", "parameter sets; one is drawn per version and filled in "
          "where the texts say {{ name }}", list, aliases=("parameters",)),
    Field("options", "single/multiple: the options; a plain line is a wrong option, "
          "or use text/correct/pinned", list, aliases=("opties",)),
    Field("show_count", "multiple: say how many are correct (false: 'meer antwoorden "
          "mogelijk')", bool, True, aliases=("aantal_noemen",)),
    # One key, two types: the truefalse builder checks its words, numeric its number.
    Field("answer", "truefalse: juist or onjuist; numeric: the number (7,5 or 7.5)",
          aliases=("antwoord",)),
    Field("tolerance", "numeric: how far an answer may be off, absolute (0.5) or as a "
          "percentage (5%)", aliases=("marge",)),
    Field("unit", "numeric: the unit printed after the answer box, e.g. cm",
          aliases=("eenheid",)),
    Field("pairs", "matching: [left, right] pairs, e.g. [m. trapezius, "
          "monnikskapspier]", list, aliases=("paren",)),
    Field("extra", "matching: extra right-hand answers that match nothing", list,
          aliases=("afleiders",)),
    Field("blanks", "blanks: per ___ in the stem the accepted answer, or a list of them",
          list, aliases=("invullingen",)),
    Field("items", "ordering: the items in the correct order", list,
          aliases=("volgorde",)),
    Field("model_answer", "open: the model answer for the key", aliases=("modelantwoord",)),
    Field("rubric", "open: elements with their points, adding up to the points", list,
          aliases=("beoordeling",)),
    Field("lines", "open: number of answer lines", int, check=positive,
          aliases=("regels",)),
    Field("box", "open: height of an answer box in cm (instead of lines)", float,
          check=positive, aliases=("vak",)),
))

CASE = Schema("case group", (
    Field("case", "a stable unique id for the case group", required=True,
          check=identifier, aliases=("casus",)),
    Field("title", "the case's heading", aliases=("titel",)),
    Field("text", "the shared text the sub-questions are about", required=True,
          aliases=("tekst",)),
    Field("tags", "default tags for its questions", list, aliases=("onderwerp",)),
    Field("difficulty", "default difficulty for its questions", int, check=difficulty,
          aliases=("niveau",)),
    Field("points", "default points for its questions", int, check=positive,
          aliases=("punten",)),
    Field("handout", "default handout section", aliases=("hoofdstuk",)),
    Field("questions", "the sub-questions, in the order they are printed", list,
          required=True, aliases=("vragen",)),
))

OPTION = Schema("option", (
    Field("text", "the option as printed", required=True, aliases=("tekst",)),
    Field("correct", "true for a correct option", bool, False, aliases=("juist", "goed")),
    Field("pinned", "keep it at its place (e.g. 'geen van bovenstaande' last)", bool,
          False, aliases=("vast",)),
))

RUBRIC = Schema("rubric element", (
    Field("element", "what the answer must contain", required=True,
          aliases=("criterium",)),
    Field("points", "points for it", int, required=True, aliases=("punten",)),
))

# Which of the question fields belong to which type; the others are refused.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "single": ("options",),
    "multiple": ("options", "show_count"),
    "truefalse": ("answer",),
    "matching": ("pairs", "extra"),
    "blanks": ("blanks",),
    "ordering": ("items",),
    "open": ("model_answer", "rubric", "lines", "box"),
    "numeric": ("answer", "tolerance", "unit"),
}
REQUIRED_FIELDS = {"single": "options", "multiple": "options", "truefalse": "answer",
                   "matching": "pairs", "blanks": "blanks", "ordering": "items",
                   "open": "model_answer", "numeric": "answer"}

SPEC = Schema("exam spec", (
    Field("title", "the exam's title, printed on every version", required=True,
          aliases=("titel",)),
    Field("course", "course or module name", aliases=("vak", "module")),
    Field("date", "the date of the exam (YYYY-MM-DD)", aliases=("datum",), check=check_date),
    Field("duration", "time allowed, in minutes", int, check=positive, aliases=("duur",)),
    Field("language", "language of the exam", default="nl", choices=LANGUAGES, aliases=("taal",)),
    Field("instructions", "instructions printed on page 1", aliases=("instructies",)),
    Field("banks", "the question bank files, relative to this spec", list, required=True,
          aliases=("vragenbanken",)),
    Field("sections", "the parts of the exam, in order", list, required=True,
          aliases=("onderdelen",)),
    Field("versions", "how many versions (ignored when a roster is given)", int, 4,
          check=version_count, aliases=("versies",)),
    Field("roster", "a CSV of students (number, name): one version each",
          aliases=("klassenlijst",)),
    Field("seed", "the number that fixes the draw; the same seed gives the same exam",
          int, 1, aliases=("zaad",)),
    Field("pass_mark", "points needed to pass, shown in the key", int,
          aliases=("cesuur",)),
    Field("class_field", "a Klas line on the cover, beside name and student number",
          bool, False, aliases=("klasveld",)),
    Field("marker_box", "a box on the cover for the marker: points scored and grade",
          bool, False, aliases=("nakijkvak",)),
    Field("theme", "the look of this exam's PDFs: a theme name (e.g. large-print) or file",
          aliases=("thema",)),
    Field("same_questions", "true: every version has the same questions in another "
          "order; false: each version draws its own", bool, True,
          aliases=("zelfde_vragen",)),
    Field("letters", "random: every correct letter drawn freely; balanced: drawn again "
          "until no letter is the answer more than its share + 2 times and no letter "
          "comes more than 3 times in a row", default="random",
          choices=("random", "balanced", "willekeurig", "gespreid"),
          aliases=("antwoordletters",)),
    Field("answer_sheet", "an answer sheet per version (or student) to answer on: a grid "
          "of boxes for choice questions, a points box per other question", bool, False,
          aliases=("antwoordblad",)),
    Field("grading", "how `handouts grade` scores answers and makes grades (see GRADING)",
          dict, aliases=("beoordeling",)),
))

GRADING = Schema("grading", (
    Field("multiple", "multiple: all_or_nothing, or partial (per correct option, minus "
          "per wrong one, never below 0)", default="all_or_nothing",
          choices=("all_or_nothing", "partial", "alles_of_niets", "gedeeltelijk"),
          aliases=("meer_antwoorden",)),
    Field("matching", "matching: per_pair, or all_or_nothing", default="per_pair",
          choices=("per_pair", "all_or_nothing", "per_paar", "alles_of_niets"),
          aliases=("koppelen",)),
    Field("ordering", "ordering: per_position, or all_or_nothing", default="per_position",
          choices=("per_position", "all_or_nothing", "per_plaats", "alles_of_niets"),
          aliases=("volgorde",)),
    Field("pass_mark", "the cesuur: points (15) or a share of the points (55%); "
          "default the spec's pass_mark, else 55%", aliases=("cesuur",)),
    Field("guessing_correction", "true: the score expected from guessing alone gives a "
          "1.0", bool, False, aliases=("raadkanscorrectie",)),
    Field("n_term", "central-exam style: grade = 9 x score / max + N (0.0 to 2.0), "
          "instead of the cesuur", aliases=("normeringsterm",)),
))

SECTION = Schema("section", (
    Field("title", "the section heading", required=True, aliases=("titel",)),
    Field("instructions", "a line under the heading", aliases=("instructies",)),
    Field("shuffle", "shuffle the order of its questions per version", bool, True,
          aliases=("schudden",)),
    Field("blueprint", "rows of what to draw", list, required=True,
          aliases=("toetsmatrijs",)),
))

ROW = Schema("blueprint row", (
    Field("count", "how many questions to draw", int, check=positive,
          aliases=("aantal",)),
    Field("tags", "a question must carry all of these tags", list,
          aliases=("onderwerp",)),
    Field("difficulty", "only questions of this difficulty (1-3)", int,
          check=difficulty, aliases=("niveau",)),
    Field("type", "only questions of this type", choices=tuple(QUESTION_TYPES) +
          tuple(TYPE_ALIASES), aliases=("soort",)),
    Field("ids", "these questions or case groups, by id (instead of count)", list),
))

ALL = (BANK, QUESTION, CASE, OPTION, RUBRIC, SPEC, SECTION, ROW, GRADING)
