// The _sre matching engine: runs the code re._compiler emits over 1-, 2- or 4-byte characters with a backtracking
// stack on the heap (no C recursion, so deep patterns and long subjects cannot overflow the C stack).
//
// The engine follows the observable semantics of CPython 3.13's SRE: which alternative wins, how groups are
// saved and restored on backtracking (marks up to `lastmark`), lastindex, the zero-width-iteration guard of
// REPEAT, possessive and atomic groups, and `must_advance` / `match_all` at the top level.
//
// Thread contract: a MatchState is used by one thread at a time; the compiled code is immutable and shared.
#include <limits>

#include "vm/modules/sre_chars.h"
#include "vm/modules/sre_internal.h"

namespace pyvm::sre {
namespace {

// Where a child frame returns to.
// clang-format off
enum Resume : uint8_t {
  kResNone, kResBranch, kResRepeatOne1, kResRepeatOne2, kResMinRepeatOne, kResRepeat, kResMaxUntil1,
  kResMaxUntil2, kResMaxUntil3, kResMinUntil1, kResMinUntil2, kResMinUntil3, kResPossRepeat1, kResPossRepeat2,
  kResAtomic, kResAssert, kResAssertNot,
};
// clang-format on

template <class Char>
class Matcher {
 public:
  explicit Matcher(MatchState* st) : st_(*st), s_(static_cast<const Char*>(st->subj.data)) {}
  ssize match(const Code* pattern, bool toplevel);
  ssize search(const Code* pattern);

 private:
  bool at(ssize ptr, Code code) const;
  bool one(const Code* item, ssize ptr) const;
  ssize count(const Code* item, ssize ptr, ssize maxcount);

  // Saving marks[0..lastmark] on the data stack around attempts that may change them.
  void mark_push(int lastmark) {
    if (lastmark < 0) return;
    st_.data_stack.insert(st_.data_stack.end(), st_.mark.begin(), st_.mark.begin() + lastmark + 1);
  }
  void mark_pop_keep(int lastmark) {
    if (lastmark < 0) return;
    auto from = st_.data_stack.end() - (lastmark + 1);
    std::copy(from, st_.data_stack.end(), st_.mark.begin());
  }
  void mark_pop(int lastmark) {
    if (lastmark < 0) return;
    mark_pop_keep(lastmark);
    mark_discard(lastmark);
  }
  void mark_discard(int lastmark) {
    if (lastmark < 0) return;
    st_.data_stack.resize(st_.data_stack.size() - size_t(lastmark + 1));
  }
  ssize data_pop() {
    ssize v = st_.data_stack.back();
    st_.data_stack.pop_back();
    return v;
  }
  // Group spans recorded so far: false when group `g` (0-based) is unset.
  bool group_span(Code g, ssize* p, ssize* e) const {
    ssize i = ssize(g) * 2;
    if (i >= st_.lastmark) return false;
    *p = st_.mark[size_t(i)];
    *e = st_.mark[size_t(i + 1)];
    return *p >= 0 && *e >= 0 && *e >= *p;
  }
  static bool fits(Code c) { return c <= Code(std::numeric_limits<Char>::max()); }

  MatchState& st_;
  const Char* s_;
};

template <class Char>
bool Matcher<Char>::at(ssize ptr, Code code) const {
  const ssize end = st_.end;
  switch (code) {
    case AT_BEGINNING:
    case AT_BEGINNING_STRING:
      return ptr == 0;
    case AT_BEGINNING_LINE:
      return ptr == 0 || is_linebreak(s_[ptr - 1]);
    case AT_END:
      return (end - ptr == 1 && is_linebreak(s_[ptr])) || ptr == end;
    case AT_END_LINE:
      return ptr == end || (ptr < st_.subj.length && is_linebreak(s_[ptr]));
    case AT_END_STRING:
      return ptr == end;
    case AT_BOUNDARY:
    case AT_NON_BOUNDARY:
    case AT_LOC_BOUNDARY:
    case AT_LOC_NON_BOUNDARY:
    case AT_UNI_BOUNDARY:
    case AT_UNI_NON_BOUNDARY: {
      if (end == 0) return false;
      auto word = [code](uint32_t ch) {
        if (code == AT_BOUNDARY || code == AT_NON_BOUNDARY) return is_word(ch);
        if (code == AT_LOC_BOUNDARY || code == AT_LOC_NON_BOUNDARY) return loc_word(ch);
        return uni_word(ch);
      };
      bool before = ptr > 0 && word(s_[ptr - 1]);
      bool here = ptr < end && word(s_[ptr]);
      bool boundary = code == AT_BOUNDARY || code == AT_LOC_BOUNDARY || code == AT_UNI_BOUNDARY;
      return boundary ? before != here : before == here;
    }
  }
  return false;
}

// Whether the one-character item at `item` (an opcode with its operands) matches s[ptr]; ptr < end.
template <class Char>
bool Matcher<Char>::one(const Code* item, ssize ptr) const {
  uint32_t ch = s_[ptr];
  switch (item[0]) {
    case OP_ANY:
      return !is_linebreak(ch);
    case OP_ANY_ALL:
      return true;
    case OP_LITERAL:
      return ch == item[1];
    case OP_NOT_LITERAL:
      return ch != item[1];
    case OP_LITERAL_IGNORE:
      return lower_ascii(ch) == item[1];
    case OP_NOT_LITERAL_IGNORE:
      return lower_ascii(ch) != item[1];
    case OP_LITERAL_UNI_IGNORE:
      return lower_unicode(ch) == item[1];
    case OP_NOT_LITERAL_UNI_IGNORE:
      return lower_unicode(ch) != item[1];
    case OP_LITERAL_LOC_IGNORE:
      return loc_ignore_equal(item[1], ch);
    case OP_NOT_LITERAL_LOC_IGNORE:
      return !loc_ignore_equal(item[1], ch);
    case OP_IN:
      return in_charset(item + 2, ch);
    case OP_IN_IGNORE:
      return in_charset(item + 2, lower_ascii(ch));
    case OP_IN_UNI_IGNORE:
      return in_charset(item + 2, lower_unicode(ch));
    case OP_IN_LOC_IGNORE:
      return in_charset_loc_ignore(item + 2, ch);
    case OP_CATEGORY:
      return in_category(item[1], ch);
  }
  return false;  // the validator only lets the codes above into single-character repeats
}

// How many times (at most maxcount) the one-character item matches from ptr.
template <class Char>
ssize Matcher<Char>::count(const Code* item, ssize ptr, ssize maxcount) {
  ssize end = st_.end;
  if (maxcount < end - ptr && Code(maxcount) != kMaxRepeat) end = ptr + maxcount;
  if (end <= ptr) return 0;
  ssize p = ptr;
  switch (item[0]) {
    case OP_ANY_ALL:
      return end - ptr;
    case OP_ANY:
      while (p < end && !is_linebreak(s_[p])) p++;
      break;
    case OP_LITERAL:
      if (!fits(item[1])) return 0;
      while (p < end && s_[p] == Char(item[1])) p++;
      break;
    case OP_NOT_LITERAL:
      if (!fits(item[1])) return end - ptr;
      while (p < end && s_[p] != Char(item[1])) p++;
      break;
    case OP_IN:
      while (p < end && in_charset(item + 2, s_[p])) p++;
      break;
    default:
      while (p < end && one(item, p)) p++;
      break;
  }
  return p - ptr;
}

// The matcher proper. Each opcode that tries a sub-pattern (and may have to try again after it fails) suspends
// its frame, pushes a child frame and resumes at the label named by the child's `resume` when the child returns
// with `ret`. Labels inside loops are re-entered by goto; no variable is initialised between a loop head and such
// a label, so the jumps are well-formed.
template <class Char>
ssize Matcher<Char>::match(const Code* pattern, bool toplevel) {
  std::vector<Frame>& frames = st_.frames;
  std::vector<ssize>& mark = st_.mark;
  const ssize end = st_.end;
  frames.clear();
  frames.emplace_back();
  Frame* f = &frames.back();
  f->toplevel = toplevel;
  f->resume = kResNone;
  const Code* pc = pattern;
  ssize ptr = 0;
  ssize ret = 0;

// Suspends the current frame and runs `target` in a child frame; execution continues at `label` when the child
// returns, with pc and ptr restored and `ret` holding its result.
#define SRE_CALL(resume_id, label, target, child_toplevel) \
  do {                                                     \
    const Code* target_ = (target);                        \
    bool toplevel_ = (child_toplevel);                     \
    f->pc = pc;                                            \
    f->ptr = ptr;                                          \
    frames.emplace_back();                                 \
    f = &frames.back();                                    \
    f->toplevel = toplevel_;                               \
    f->resume = resume_id;                                 \
    pc = target_;                                          \
    goto enter;                                            \
  } while (0);                                             \
  label:

#define SRE_SAVE_LASTMARK()       \
  do {                            \
    f->lastmark = st_.lastmark;   \
    f->lastindex = st_.lastindex; \
  } while (0)
#define SRE_RESTORE_LASTMARK()    \
  do {                            \
    st_.lastmark = f->lastmark;   \
    st_.lastindex = f->lastindex; \
  } while (0)

enter:
  ptr = st_.ptr;
  if (pc[0] == OP_INFO) {
    // <INFO> <skip> <flags> <min> ...: reject early when fewer than `min` characters remain.
    if (pc[3] && uint64_t(end - ptr) < pc[3]) goto fail;
    pc += pc[1] + 1;
  }

dispatch:
  switch (*pc++) {
    case OP_MARK: {
      int i = int(pc[0]);
      if (i & 1) st_.lastindex = i / 2 + 1;
      if (i > st_.lastmark) {
        // Marks between the old lastmark and i were never set in this attempt.
        for (int j = st_.lastmark + 1; j < i; j++) mark[size_t(j)] = -1;
        st_.lastmark = i;
      }
      mark[size_t(i)] = ptr;
      pc++;
      goto dispatch;
    }

    case OP_LITERAL:
      if (ptr >= end || Code(s_[ptr]) != pc[0]) goto fail;
      pc++;
      ptr++;
      goto dispatch;

    case OP_NOT_LITERAL:
      if (ptr >= end || Code(s_[ptr]) == pc[0]) goto fail;
      pc++;
      ptr++;
      goto dispatch;

    case OP_SUCCESS:
      if (f->toplevel && ((st_.match_all && ptr != st_.end) || (st_.must_advance && ptr == st_.start))) goto fail;
      st_.ptr = ptr;
      goto succeed;

    case OP_AT:
      if (!at(ptr, pc[0])) goto fail;
      pc++;
      goto dispatch;

    case OP_ANY:
      if (ptr >= end || is_linebreak(s_[ptr])) goto fail;
      ptr++;
      goto dispatch;

    case OP_ANY_ALL:
      if (ptr >= end) goto fail;
      ptr++;
      goto dispatch;

    case OP_IN:
      if (ptr >= end || !in_charset(pc + 1, s_[ptr])) goto fail;
      pc += pc[0];
      ptr++;
      goto dispatch;

    case OP_CATEGORY:
    case OP_LITERAL_IGNORE:
    case OP_LITERAL_UNI_IGNORE:
    case OP_LITERAL_LOC_IGNORE:
    case OP_NOT_LITERAL_IGNORE:
    case OP_NOT_LITERAL_UNI_IGNORE:
    case OP_NOT_LITERAL_LOC_IGNORE:
      // <op> <operand>: one character tested by one()
      if (ptr >= end || !one(pc - 1, ptr)) goto fail;
      pc++;
      ptr++;
      goto dispatch;

    case OP_IN_IGNORE:
    case OP_IN_UNI_IGNORE:
    case OP_IN_LOC_IGNORE:
      // <op> <skip> set: one character tested by one()
      if (ptr >= end || !one(pc - 1, ptr)) goto fail;
      pc += pc[0];
      ptr++;
      goto dispatch;

    case OP_JUMP:
    case OP_INFO:
      pc += pc[0];
      goto dispatch;

    case OP_BRANCH:
      // <BRANCH> <skip> alternative <JUMP> ... <0>: try each alternative in order.
      SRE_SAVE_LASTMARK();
      if (st_.repeat) mark_push(f->lastmark);
      for (; pc[0]; pc += pc[0]) {
        // Cheap rejection of alternatives that start with a literal or a set.
        if (pc[1] == OP_LITERAL && (ptr >= end || Code(s_[ptr]) != pc[2])) continue;
        if (pc[1] == OP_IN && (ptr >= end || !in_charset(pc + 3, s_[ptr]))) continue;
        st_.ptr = ptr;
        SRE_CALL(kResBranch, res_branch, pc + 1, f->toplevel);
        if (ret) {
          if (st_.repeat) mark_discard(f->lastmark);
          goto succeed;
        }
        if (st_.repeat) mark_pop_keep(f->lastmark);
        SRE_RESTORE_LASTMARK();
      }
      if (st_.repeat) mark_discard(f->lastmark);
      goto fail;

    case OP_REPEAT_ONE:
      // <REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: greedy repeat of a one-character item; match as
      // many as possible, then give them back one at a time until the tail matches.
      if (ssize(pc[1]) > end - ptr) goto fail;
      f->count = count(pc + 3, ptr, ssize(pc[2]));
      ptr += f->count;
      if (f->count < ssize(pc[1])) goto fail;
      if (pc[pc[0]] == OP_SUCCESS && ptr == st_.end && !(f->toplevel && st_.must_advance && ptr == st_.start)) {
        st_.ptr = ptr;  // the tail is empty
        goto succeed;
      }
      SRE_SAVE_LASTMARK();
      if (st_.repeat) mark_push(f->lastmark);
      if (pc[pc[0]] == OP_LITERAL) {
        // The tail starts with a literal: only try positions where that character follows.
        f->chr = pc[pc[0] + 1];
        for (;;) {
          while (f->count >= ssize(pc[1]) && (ptr >= end || Code(s_[ptr]) != f->chr)) {
            ptr--;
            f->count--;
          }
          if (f->count < ssize(pc[1])) break;
          st_.ptr = ptr;
          SRE_CALL(kResRepeatOne1, res_repeat_one_1, pc + pc[0], f->toplevel);
          if (ret) {
            if (st_.repeat) mark_discard(f->lastmark);
            goto succeed;
          }
          if (st_.repeat) mark_pop_keep(f->lastmark);
          SRE_RESTORE_LASTMARK();
          ptr--;
          f->count--;
        }
      } else {
        while (f->count >= ssize(pc[1])) {
          st_.ptr = ptr;
          SRE_CALL(kResRepeatOne2, res_repeat_one_2, pc + pc[0], f->toplevel);
          if (ret) {
            if (st_.repeat) mark_discard(f->lastmark);
            goto succeed;
          }
          if (st_.repeat) mark_pop_keep(f->lastmark);
          SRE_RESTORE_LASTMARK();
          ptr--;
          f->count--;
        }
      }
      if (st_.repeat) mark_discard(f->lastmark);
      goto fail;

    case OP_MIN_REPEAT_ONE:
      // <MIN_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: lazy repeat of a one-character item.
      if (ssize(pc[1]) > end - ptr) goto fail;
      if (pc[1] == 0) {
        f->count = 0;
      } else {
        f->count = count(pc + 3, ptr, ssize(pc[1]));
        if (f->count < ssize(pc[1])) goto fail;
        ptr += f->count;
      }
      if (pc[pc[0]] == OP_SUCCESS &&
          !(f->toplevel && ((st_.match_all && ptr != st_.end) || (st_.must_advance && ptr == st_.start)))) {
        st_.ptr = ptr;
        goto succeed;
      }
      SRE_SAVE_LASTMARK();
      if (st_.repeat) mark_push(f->lastmark);
      while (pc[2] == kMaxRepeat || f->count <= ssize(pc[2])) {
        st_.ptr = ptr;
        SRE_CALL(kResMinRepeatOne, res_min_repeat_one, pc + pc[0], f->toplevel);
        if (ret) {
          if (st_.repeat) mark_discard(f->lastmark);
          goto succeed;
        }
        if (st_.repeat) mark_pop_keep(f->lastmark);
        SRE_RESTORE_LASTMARK();
        if (count(pc + 3, ptr, 1) == 0) break;
        ptr++;
        f->count++;
      }
      if (st_.repeat) mark_discard(f->lastmark);
      goto fail;

    case OP_POSSESSIVE_REPEAT_ONE:
      // <POSSESSIVE_REPEAT_ONE> <skip> <min> <max> item <SUCCESS> tail: greedy, never gives characters back.
      if (ptr + ssize(pc[1]) > end) goto fail;
      f->count = count(pc + 3, ptr, ssize(pc[2]));
      ptr += f->count;
      if (f->count < ssize(pc[1])) goto fail;
      pc += pc[0];
      if (*pc == OP_SUCCESS && ptr == st_.end && !(f->toplevel && st_.must_advance && ptr == st_.start)) {
        st_.ptr = ptr;
        goto succeed;
      }
      goto dispatch;

    case OP_REPEAT:
      // <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL> tail: installs the loop; the UNTIL does the work.
      if (st_.repeat_top == st_.repeat_pool.size()) st_.repeat_pool.push_back(std::make_unique<Repeat>());
      f->rep = st_.repeat_pool[st_.repeat_top++].get();
      *f->rep = Repeat{-1, pc, -1, st_.repeat};
      st_.repeat = f->rep;
      st_.ptr = ptr;
      SRE_CALL(kResRepeat, res_repeat, pc + pc[0], f->toplevel);
      st_.repeat = f->rep->prev;
      st_.repeat_top--;  // repeats live and die in stack order
      if (ret) goto succeed;
      goto fail;

    case OP_MAX_UNTIL:
      // The end of one greedy iteration: try another iteration first, then the tail.
      f->rep = st_.repeat;
      if (!f->rep) return kErrorState;
      st_.ptr = ptr;
      f->count = f->rep->count + 1;
      if (f->count < ssize(f->rep->pattern[1])) {
        // Not enough iterations yet.
        f->rep->count = f->count;
        SRE_CALL(kResMaxUntil1, res_max_until_1, f->rep->pattern + 3, f->toplevel);
        if (ret) goto succeed;
        f->rep->count = f->count - 1;
        st_.ptr = ptr;
        goto fail;
      }
      if ((f->count < ssize(f->rep->pattern[2]) || f->rep->pattern[2] == kMaxRepeat) && st_.ptr != f->rep->last_ptr) {
        // Another iteration, unless the previous one matched the empty string here.
        f->rep->count = f->count;
        SRE_SAVE_LASTMARK();
        mark_push(f->lastmark);
        st_.data_stack.push_back(f->rep->last_ptr);
        f->rep->last_ptr = st_.ptr;
        SRE_CALL(kResMaxUntil2, res_max_until_2, f->rep->pattern + 3, f->toplevel);
        f->rep->last_ptr = data_pop();
        if (ret) {
          mark_discard(f->lastmark);
          goto succeed;
        }
        mark_pop(f->lastmark);
        SRE_RESTORE_LASTMARK();
        f->rep->count = f->count - 1;
        st_.ptr = ptr;
      }
      // No further iteration: the tail must match, outside this loop.
      st_.repeat = f->rep->prev;
      SRE_CALL(kResMaxUntil3, res_max_until_3, pc, f->toplevel);
      st_.repeat = f->rep;
      if (ret) goto succeed;
      st_.ptr = ptr;
      goto fail;

    case OP_MIN_UNTIL:
      // The end of one lazy iteration: try the tail first, then another iteration.
      f->rep = st_.repeat;
      if (!f->rep) return kErrorState;
      st_.ptr = ptr;
      f->count = f->rep->count + 1;
      if (f->count < ssize(f->rep->pattern[1])) {
        f->rep->count = f->count;
        SRE_CALL(kResMinUntil1, res_min_until_1, f->rep->pattern + 3, f->toplevel);
        if (ret) goto succeed;
        f->rep->count = f->count - 1;
        st_.ptr = ptr;
        goto fail;
      }
      st_.repeat = f->rep->prev;
      SRE_SAVE_LASTMARK();
      if (st_.repeat) mark_push(f->lastmark);
      SRE_CALL(kResMinUntil2, res_min_until_2, pc, f->toplevel);
      {
        Repeat* tail_repeat = st_.repeat;
        st_.repeat = f->rep;
        if (ret) {
          if (tail_repeat) mark_discard(f->lastmark);
          goto succeed;
        }
        if (tail_repeat) mark_pop(f->lastmark);
      }
      SRE_RESTORE_LASTMARK();
      st_.ptr = ptr;
      if ((f->count >= ssize(f->rep->pattern[2]) && f->rep->pattern[2] != kMaxRepeat) || st_.ptr == f->rep->last_ptr)
        goto fail;
      f->rep->count = f->count;
      st_.data_stack.push_back(f->rep->last_ptr);
      f->rep->last_ptr = st_.ptr;
      SRE_CALL(kResMinUntil3, res_min_until_3, f->rep->pattern + 3, f->toplevel);
      f->rep->last_ptr = data_pop();
      if (ret) goto succeed;
      f->rep->count = f->count - 1;
      st_.ptr = ptr;
      goto fail;

    case OP_POSSESSIVE_REPEAT:
      // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail: each iteration is matched on its own and
      // never revisited.
      st_.ptr = ptr;
      f->count = 0;
      while (f->count < ssize(pc[1])) {
        SRE_CALL(kResPossRepeat1, res_poss_repeat_1, pc + 3, false);
        if (!ret) {
          st_.ptr = ptr;
          goto fail;
        }
        f->count++;
      }
      ptr = -1;  // not a position: the first extra iteration always runs
      while ((f->count < ssize(pc[2]) || pc[2] == kMaxRepeat) && st_.ptr != ptr) {
        SRE_SAVE_LASTMARK();
        mark_push(f->lastmark);
        ptr = st_.ptr;  // an iteration that ends here again matched the empty string: stop
        SRE_CALL(kResPossRepeat2, res_poss_repeat_2, pc + 3, false);
        if (ret) {
          mark_discard(f->lastmark);
          f->count++;
        } else {
          mark_pop(f->lastmark);
          SRE_RESTORE_LASTMARK();
          st_.ptr = ptr;
          break;
        }
      }
      pc += pc[0] + 1;
      ptr = st_.ptr;
      goto dispatch;

    case OP_ATOMIC_GROUP:
      // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail: the group's first match is final.
      st_.ptr = ptr;
      SRE_CALL(kResAtomic, res_atomic, pc + 1, false);
      if (!ret) {
        st_.ptr = ptr;
        goto fail;
      }
      pc += pc[0];
      ptr = st_.ptr;
      goto dispatch;

    case OP_GROUPREF:
    case OP_GROUPREF_IGNORE:
    case OP_GROUPREF_UNI_IGNORE:
    case OP_GROUPREF_LOC_IGNORE: {
      ssize p, e;
      if (!group_span(pc[0], &p, &e)) goto fail;
      Code op = pc[-1];
      for (; p < e; p++, ptr++) {
        if (ptr >= end) goto fail;
        uint32_t a = s_[ptr], b = s_[p];
        if (op == OP_GROUPREF_IGNORE) {
          a = lower_ascii(a);
          b = lower_ascii(b);
        } else if (op == OP_GROUPREF_UNI_IGNORE) {
          a = lower_unicode(a);
          b = lower_unicode(b);
        } else if (op == OP_GROUPREF_LOC_IGNORE) {
          a = lower_locale(a);
          b = lower_locale(b);
        }
        if (a != b) goto fail;
      }
      pc++;
      goto dispatch;
    }

    case OP_GROUPREF_EXISTS: {
      // <GROUPREF_EXISTS> <group> <skip> yes-code [<JUMP> no-code]
      ssize p, e;
      if (!group_span(pc[0], &p, &e)) {
        pc += pc[1];
        goto dispatch;
      }
      pc += 2;
      goto dispatch;
    }

    case OP_ASSERT:
      // <ASSERT> <skip> <back> pattern: lookahead (back 0) or fixed-width lookbehind.
      if (ptr < ssize(pc[1])) goto fail;
      st_.ptr = ptr - ssize(pc[1]);
      SRE_CALL(kResAssert, res_assert, pc + 2, false);
      if (!ret) goto fail;
      pc += pc[0];
      goto dispatch;

    case OP_ASSERT_NOT:
      if (ptr >= ssize(pc[1])) {
        st_.ptr = ptr - ssize(pc[1]);
        SRE_SAVE_LASTMARK();
        if (st_.repeat) mark_push(f->lastmark);
        SRE_CALL(kResAssertNot, res_assert_not, pc + 2, false);
        if (ret) {
          if (st_.repeat) mark_discard(f->lastmark);
          goto fail;
        }
        if (st_.repeat) mark_pop(f->lastmark);
        SRE_RESTORE_LASTMARK();
      }
      pc += pc[0];
      goto dispatch;

    case OP_FAILURE:
      goto fail;

    default:
      return kErrorIllegal;
  }

succeed:
  ret = 1;
  goto leave;
fail:
  ret = 0;
leave : {
  uint8_t resume = f->resume;
  frames.pop_back();
  if (frames.empty()) return ret;
  f = &frames.back();
  pc = f->pc;
  ptr = f->ptr;
  switch (resume) {
    case kResBranch:
      goto res_branch;
    case kResRepeatOne1:
      goto res_repeat_one_1;
    case kResRepeatOne2:
      goto res_repeat_one_2;
    case kResMinRepeatOne:
      goto res_min_repeat_one;
    case kResRepeat:
      goto res_repeat;
    case kResMaxUntil1:
      goto res_max_until_1;
    case kResMaxUntil2:
      goto res_max_until_2;
    case kResMaxUntil3:
      goto res_max_until_3;
    case kResMinUntil1:
      goto res_min_until_1;
    case kResMinUntil2:
      goto res_min_until_2;
    case kResMinUntil3:
      goto res_min_until_3;
    case kResPossRepeat1:
      goto res_poss_repeat_1;
    case kResPossRepeat2:
      goto res_poss_repeat_2;
    case kResAtomic:
      goto res_atomic;
    case kResAssert:
      goto res_assert;
    case kResAssertNot:
      goto res_assert_not;
    default:
      return kErrorState;
  }
}
#undef SRE_CALL
#undef SRE_SAVE_LASTMARK
#undef SRE_RESTORE_LASTMARK
}

template <class Char>
ssize Matcher<Char>::search(const Code* pattern) {
  ssize ptr = st_.start;
  ssize end = st_.end;
  if (ptr > end) return 0;

  Code flags = 0;
  ssize prefix_len = 0;
  const Code* prefix = nullptr;
  const Code* charset = nullptr;
  if (pattern[0] == OP_INFO) {
    // <INFO> <skip> <flags> <min> <max> [<prefix length> <prefix skip> prefix overlap | charset]
    flags = pattern[2];
    if (pattern[3] && end - ptr < ssize(pattern[3])) return 0;
    if (pattern[3] > 1) {
      // No match can start within min-1 characters of the end.
      end -= ssize(pattern[3]) - 1;
      if (end <= ptr) end = ptr;
    }
    if (flags & INFO_PREFIX) {
      prefix_len = ssize(pattern[5]);
      prefix = pattern + 7;
    } else if (flags & INFO_CHARSET) {
      charset = pattern + 5;
    }
    pattern += 1 + pattern[1];
  }

  if (prefix_len > 0) {
    // Every match starts with this literal text (and is non-empty, so must_advance cannot matter).
    for (ssize i = 0; i < prefix_len; i++)
      if (!fits(prefix[i])) return 0;
    const Char first = Char(prefix[0]);
    st_.must_advance = false;
    for (ssize last = st_.end - prefix_len; ptr <= last; ptr++) {
      if (s_[ptr] != first) continue;
      ssize i = 1;
      while (i < prefix_len && s_[ptr + i] == Char(prefix[i])) i++;
      if (i < prefix_len) continue;
      st_.start = ptr;
      if (flags & INFO_LITERAL) {  // the prefix is the whole pattern
        st_.ptr = ptr + prefix_len;
        return 1;
      }
      st_.ptr = ptr;
      ssize status = match(pattern, false);
      if (status != 0) return status;
      state_reset(&st_);
    }
    return 0;
  }

  if (charset) {
    // Every match starts with a character of this set.
    end = st_.end;
    st_.must_advance = false;
    for (; ptr < end; ptr++) {
      if (!in_charset(charset, s_[ptr])) continue;
      st_.start = st_.ptr = ptr;
      ssize status = match(pattern, false);
      if (status != 0) return status;
      state_reset(&st_);
    }
    return 0;
  }

  // General case: try every position; only the first attempt is subject to must_advance.
  st_.start = st_.ptr = ptr;
  ssize status = match(pattern, true);
  st_.must_advance = false;
  if (status == 0 && pattern[0] == OP_AT && (pattern[1] == AT_BEGINNING || pattern[1] == AT_BEGINNING_STRING)) {
    st_.start = st_.ptr = end;  // anchored at the beginning: no other position can match
    return 0;
  }
  while (status == 0 && ptr < end) {
    ptr++;
    state_reset(&st_);
    st_.start = st_.ptr = ptr;
    status = match(pattern, false);
  }
  return status;
}

}  // namespace

void state_reset(MatchState* st) {
  st->lastmark = -1;
  st->lastindex = -1;
  st->repeat = nullptr;
  st->data_stack.clear();  // a finished attempt leaves it empty; only an error can leave anything behind
  st->repeat_top = 0;
}

ssize engine_match(MatchState* st, const Code* code) {
  switch (st->subj.charsize) {
    case 1:
      return Matcher<uint8_t>(st).match(code, true);
    case 2:
      return Matcher<uint16_t>(st).match(code, true);
    default:
      return Matcher<uint32_t>(st).match(code, true);
  }
}

ssize engine_search(MatchState* st, const Code* code) {
  switch (st->subj.charsize) {
    case 1:
      return Matcher<uint8_t>(st).search(code);
    case 2:
      return Matcher<uint16_t>(st).search(code);
    default:
      return Matcher<uint32_t>(st).search(code);
  }
}

}  // namespace pyvm::sre
