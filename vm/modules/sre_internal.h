// Shared declarations of the _sre module (sre_module.cc, sre_pattern.cc, sre_match.cc, sre_engine.cc,
// sre_validate.cc): the compiled-code constants of CPython 3.13's re/_constants.py, the object layouts and the
// matching engine's state.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "objects/buffer.h"
#include "objects/object.h"

namespace pyvm::sre {

using Code = uint32_t;  // one word of compiled pattern code (_sre.CODESIZE == 4)

constexpr int kMagic = 20230612;  // re._constants.MAGIC
constexpr Code kMaxRepeat = 0xFFFFFFFFu;
constexpr ssize kMaxGroups = 0x3FFFFFFF;  // INT32_MAX / 2: two marks per group must fit an int

// clang-format off
// The opcodes, in the order re._constants._makecodes numbers them (OPCODES).
enum Op : Code {
  OP_FAILURE, OP_SUCCESS, OP_ANY, OP_ANY_ALL, OP_ASSERT, OP_ASSERT_NOT, OP_AT, OP_BRANCH, OP_CATEGORY,
  OP_CHARSET, OP_BIGCHARSET, OP_GROUPREF, OP_GROUPREF_EXISTS, OP_IN, OP_INFO, OP_JUMP, OP_LITERAL, OP_MARK,
  OP_MAX_UNTIL, OP_MIN_UNTIL, OP_NOT_LITERAL, OP_NEGATE, OP_RANGE, OP_REPEAT, OP_REPEAT_ONE, OP_SUBPATTERN,
  OP_MIN_REPEAT_ONE, OP_ATOMIC_GROUP, OP_POSSESSIVE_REPEAT, OP_POSSESSIVE_REPEAT_ONE,
  OP_GROUPREF_IGNORE, OP_IN_IGNORE, OP_LITERAL_IGNORE, OP_NOT_LITERAL_IGNORE,
  OP_GROUPREF_LOC_IGNORE, OP_IN_LOC_IGNORE, OP_LITERAL_LOC_IGNORE, OP_NOT_LITERAL_LOC_IGNORE,
  OP_GROUPREF_UNI_IGNORE, OP_IN_UNI_IGNORE, OP_LITERAL_UNI_IGNORE, OP_NOT_LITERAL_UNI_IGNORE, OP_RANGE_UNI_IGNORE,
};

// Position codes (ATCODES).
enum At : Code {
  AT_BEGINNING, AT_BEGINNING_LINE, AT_BEGINNING_STRING, AT_BOUNDARY, AT_NON_BOUNDARY, AT_END, AT_END_LINE,
  AT_END_STRING, AT_LOC_BOUNDARY, AT_LOC_NON_BOUNDARY, AT_UNI_BOUNDARY, AT_UNI_NON_BOUNDARY,
};

// Character categories (CHCODES).
enum Category : Code {
  CAT_DIGIT, CAT_NOT_DIGIT, CAT_SPACE, CAT_NOT_SPACE, CAT_WORD, CAT_NOT_WORD, CAT_LINEBREAK, CAT_NOT_LINEBREAK,
  CAT_LOC_WORD, CAT_LOC_NOT_WORD, CAT_UNI_DIGIT, CAT_UNI_NOT_DIGIT, CAT_UNI_SPACE, CAT_UNI_NOT_SPACE,
  CAT_UNI_WORD, CAT_UNI_NOT_WORD, CAT_UNI_LINEBREAK, CAT_UNI_NOT_LINEBREAK,
};
// clang-format on
constexpr Code kCategoryCount = CAT_UNI_NOT_LINEBREAK + 1;

// Pattern flags (SRE_FLAG_*) and INFO block flags (SRE_INFO_*).
constexpr int FLAG_IGNORECASE = 2, FLAG_LOCALE = 4, FLAG_MULTILINE = 8, FLAG_DOTALL = 16, FLAG_UNICODE = 32,
              FLAG_VERBOSE = 64, FLAG_DEBUG = 128, FLAG_ASCII = 256;
constexpr Code INFO_PREFIX = 1, INFO_LITERAL = 2, INFO_CHARSET = 4;

// Engine results besides 0 (no match) and 1 (match).
constexpr ssize kErrorIllegal = -1;  // an opcode the engine cannot run (the validator should have refused it)
constexpr ssize kErrorState = -2;    // an UNTIL without its REPEAT

// ---- Objects ----

// re.Pattern. Immutable after _sre.compile() returns it.
struct PatternObject {
  VarObject ob_base;   // ob_size: the number of code words
  ssize groups;        // capturing groups, not counting group 0
  Object* groupindex;  // dict name -> index, or null when the pattern has no named groups
  Object* indexgroup;  // tuple index -> name or None, or null
  Object* pattern;     // the source: str, bytes or None
  int flags;
  int isbytes;  // 1 bytes-like source, 0 str, -1 None
  Object* weakreflist;
  Code code[1];
};

// re.Match. Immutable; mark[2*i], mark[2*i+1] are the span of group i (-1, -1 when it did not participate).
struct MatchObject {
  VarObject ob_base;  // ob_size: 2 * groups
  Object* string;
  PatternObject* pattern;
  ssize pos, endpos;
  ssize lastindex;  // -1: None
  ssize groups;     // including group 0
  ssize mark[1];
};

// _sre.SRE_Template: the compiled replacement string of sub() and expand().
struct TemplateItem {
  ssize index;      // group number
  Object* literal;  // text following the group, or null when empty
};
struct TemplateObject {
  VarObject ob_base;  // ob_size: the number of items
  Object* literal;    // leading text (str or bytes, possibly empty)
  ssize chunks;       // upper bound of the number of pieces an expansion joins
  TemplateItem items[1];
};

extern Type pattern_type;
extern Type match_type;
extern Type scanner_type;
extern Type template_type;

inline PatternObject* as_pattern(Object* o) { return reinterpret_cast<PatternObject*>(o); }
inline MatchObject* as_match(Object* o) { return reinterpret_cast<MatchObject*>(o); }
inline TemplateObject* as_template(Object* o) { return reinterpret_cast<TemplateObject*>(o); }

// ---- The engine's state ----

// A REPEAT ... MAX_UNTIL/MIN_UNTIL loop in progress.
struct Repeat {
  ssize count;
  const Code* pattern;  // the REPEAT's operands: skip, min, max, then the body
  ssize last_ptr;       // where the previous iteration started (-1: none); stops empty iterations
  Repeat* prev;
};

// One suspended step of the backtracking matcher (the engine keeps these on a heap stack, never the C stack).
struct Frame {
  Frame() {}  // fields are set as they are needed: no zeroing on the hot path
  const Code* pc;
  ssize ptr;
  ssize count;
  Repeat* rep;
  Code chr;
  int lastmark, lastindex;
  bool toplevel;
  uint8_t resume;  // where the parent continues when this frame returns
};

// The subject of a match: a str (any kind) or a contiguous bytes-like buffer.
struct Subject {
  const void* data = nullptr;
  ssize length = 0;
  int charsize = 1;
  bool isbytes = false;
};

// Everything one match, search or scan works on. Owned by one thread at a time (a Scanner's state is guarded by
// the scanner's critical section).
struct MatchState {
  Object* string = nullptr;  // strong reference
  BufferHold buffer;         // held while matching a bytes-like subject
  Subject subj;
  ssize pos = 0, endpos = 0;  // the clamped bounds the caller asked for
  ssize start = 0, end = 0;   // where this attempt starts / the end bound
  ssize ptr = 0;              // the end of the match found
  bool match_all = false;     // fullmatch(): SUCCESS only at `end`
  bool must_advance = false;  // the match may not be empty at `start` (after an empty match in a loop)
  std::vector<ssize> mark;    // 2 per group; -1 = unset; only [0, lastmark] is meaningful
  int lastmark = -1, lastindex = -1;
  Repeat* repeat = nullptr;
  // Scratch kept between attempts to avoid reallocation.
  std::vector<Frame> frames;
  std::vector<ssize> data_stack;
  // REPEAT contexts live and die in stack order: repeat_pool[0, repeat_top) are in use; pointers stay valid.
  std::vector<std::unique_ptr<Repeat>> repeat_pool;
  size_t repeat_top = 0;

  MatchState() = default;
  MatchState(const MatchState&) = delete;
  MatchState& operator=(const MatchState&) = delete;
  ~MatchState() { xdecref(string); }
};

// Reads a str or bytes-like object (CPython's getstring): false with TypeError "expected string or bytes-like
// object, got 'X'". A buffer is held in *hold until it is released.
[[nodiscard]] bool get_subject(Object* string, Subject* out, BufferHold* hold);
// Prepares `st` to match pattern `p` against string[pos:endpos] (bounds clamped as CPython does). False with
// TypeError when the string is not str/bytes-like or does not suit the pattern's kind.
[[nodiscard]] bool state_init(MatchState* st, PatternObject* p, Object* string, ssize pos, ssize endpos);
// Forgets the groups of the previous attempt.
void state_reset(MatchState* st);
// Raises the exception for an engine status < 0.
void set_engine_error(ssize status);

// The engine (sre_engine.cc). Both return 1 for a match (st->start .. st->ptr, groups in st->mark), 0 for none,
// or a negative kError*. match() anchors at st->ptr; search() scans from st->start.
[[nodiscard]] ssize engine_match(MatchState* st, const Code* code);
[[nodiscard]] ssize engine_search(MatchState* st, const Code* code);

// Checks compiled code for the structure re._compiler emits (sre_validate.cc), so the engine never reads outside
// it. False means "invalid SRE code"; RecursionError may be set for absurdly nested code.
[[nodiscard]] bool validate_code(const Code* code, ssize size, ssize groups);

// Builds a Match object from a successful state (status 1), None for 0, or raises for status < 0.
[[nodiscard]] Object* new_match(PatternObject* p, MatchState* st, ssize status);
// A new scanner over string[pos:endpos] (Pattern.scanner and finditer).
[[nodiscard]] Object* new_scanner(PatternObject* p, Object* string, ssize pos, ssize endpos);
// re._compile_template(pattern, repl), checked to return a Template (sre_match.cc).
[[nodiscard]] Object* compile_template(PatternObject* p, Object* repl);
// Expands a template for a match (the replacement text of sub() and Match.expand()).
[[nodiscard]] Object* expand_template(TemplateObject* t, MatchObject* m);
// string[start:end] as the subject's kind (str, or bytes for any bytes-like subject).
[[nodiscard]] Object* subject_slice(const Subject& s, Object* string, ssize start, ssize end);

[[nodiscard]] int match_types_ready();   // Match, Scanner, Template (sre_match.cc)
[[nodiscard]] int pattern_type_ready();  // Pattern (sre_pattern.cc)

}  // namespace pyvm::sre
