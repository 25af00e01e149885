// The match statement (PEP 634): the code CPython 3.13's compiler generates for each pattern kind, with the subject
// and the captured values kept on the stack, and its SyntaxErrors for patterns.
//
// Stack discipline: while a pattern is tried, the captured values sit under `on_top` items the pattern still
// needs; a failing test jumps to fail_pop[n], which pops the n items above the subject's copy (the labels are
// laid out as a chain of POP_TOPs at the end of the case).
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/compiler/codegen.h"
#include "vm/opcodes.h"

namespace pyvm::compiler {

namespace {

constexpr int kNbSubtract = 10;  // BINARY_OP's oparg for '-'

struct PatternContext {
  std::vector<std::string> stores;  // the names captured so far, in stack order
  bool allow_irrefutable = false;   // whether this pattern may be irrefutable
  std::vector<int> fail_pop;        // fail_pop[n]: pop n items, then fail
  int on_top = 0;                   // items above the stores that the pattern still needs
};

bool is_wildcard(Pattern* p) { return p->kind == PatternKind::MatchAs && p->v.MatchAs.name.is_null(); }
bool is_star_wildcard(Pattern* p) { return p->kind == PatternKind::MatchStar && p->v.MatchStar.name.is_null(); }

class PatternCompiler {
 public:
  explicit PatternCompiler(Compiler& c) : c_(c) {}

  bool pattern(Pattern* p, PatternContext* pc);
  bool match(Stmt* s);

 private:
  SrcLoc loc(Pattern* p) { return loc_of(p->loc); }
  // Whether the AST optimiser turns `e` into a constant (negative numbers, complex literals).
  bool folds(Expr* e) {
    Object* v = c_.fold(e);
    if (!v) return false;
    decref(v);
    return true;
  }

  void ensure_fail_pop(PatternContext* pc, size_t n) {
    while (pc->fail_pop.size() < n + 1) pc->fail_pop.push_back(c_.new_label());
  }
  void jump_to_fail_pop(SrcLoc l, PatternContext* pc, int op) {
    size_t pops = size_t(pc->on_top) + pc->stores.size();
    ensure_fail_pop(pc, pops);
    c_.emit_jump(op, pc->fail_pop[pops], l);
  }
  void emit_and_reset_fail_pop(SrcLoc l, PatternContext* pc) {
    if (pc->fail_pop.empty()) return;
    for (size_t i = pc->fail_pop.size() - 1; i > 0; i--) {
      c_.use_label(pc->fail_pop[i]);
      c_.emit(POP_TOP, l);
    }
    c_.use_label(pc->fail_pop[0]);
    pc->fail_pop.clear();
  }
  void rotate(SrcLoc l, size_t count) {
    while (count > 1) c_.emit(SWAP, int(count--), l);
  }
  bool load_int(SrcLoc l, ssize v) { return c_.emit_const_steal(int_from_i64(v), l); }
  bool duplicate_store(SrcLoc l, std::string_view name) {
    return c_.error(fmt::format("multiple assignments to name '{}' in pattern", name), l);
  }

  bool store_name(SrcLoc l, Str name, PatternContext* pc);
  bool unpack_helper(SrcLoc l, const Patterns& elts);
  bool sequence_unpack(SrcLoc l, const Patterns& patterns, PatternContext* pc);
  bool sequence_subscr(SrcLoc l, const Patterns& patterns, int star, PatternContext* pc);
  bool subpattern(Pattern* p, PatternContext* pc);
  bool as_pattern(Pattern* p, PatternContext* pc);
  bool class_pattern(Pattern* p, PatternContext* pc);
  bool mapping_pattern(Pattern* p, PatternContext* pc);
  bool or_pattern(Pattern* p, PatternContext* pc);
  bool sequence_pattern(Pattern* p, PatternContext* pc);
  bool value_pattern(Pattern* p, PatternContext* pc);

  Compiler& c_;
};

bool PatternCompiler::store_name(SrcLoc l, Str name, PatternContext* pc) {
  if (name.is_null()) {
    c_.emit(POP_TOP, l);
    return true;
  }
  std::string n(name.view());
  if (!c_.forbidden_name(n, ExprContext::Store, l)) return false;
  if (std::find(pc->stores.begin(), pc->stores.end(), n) != pc->stores.end()) return duplicate_store(l, n);
  // Rotate the value underneath the items the pattern still needs.
  rotate(l, size_t(pc->on_top) + pc->stores.size() + 1);
  pc->stores.push_back(std::move(n));
  return true;
}

bool PatternCompiler::unpack_helper(SrcLoc l, const Patterns& elts) {
  uint32_t n = elts.size;
  bool seen_star = false;
  for (uint32_t i = 0; i < n; i++) {
    if (elts[i]->kind != PatternKind::MatchStar) continue;
    if (seen_star) return c_.error("multiple starred expressions in sequence pattern", l);
    if (i >= (1u << 8) || n - i - 1 >= (0x7fffffffu >> 8))
      return c_.error("too many expressions in star-unpacking sequence pattern", l);
    c_.emit(UNPACK_EX, int(i + ((n - i - 1) << 8)), l);
    seen_star = true;
  }
  if (!seen_star) c_.emit(UNPACK_SEQUENCE, int(n), l);
  return true;
}

bool PatternCompiler::sequence_unpack(SrcLoc l, const Patterns& patterns, PatternContext* pc) {
  if (!unpack_helper(l, patterns)) return false;
  // The unpacked items are new subjects that stay on the stack while each subpattern runs.
  pc->on_top += int(patterns.size);
  for (Pattern* q : patterns) {
    pc->on_top--;
    if (!subpattern(q, pc)) return false;
  }
  return true;
}

// Patterns with a starred wildcard ([first, *_, last]) index the subject instead of unpacking it.
bool PatternCompiler::sequence_subscr(SrcLoc l, const Patterns& patterns, int star, PatternContext* pc) {
  pc->on_top++;
  ssize size = patterns.size;
  for (ssize i = 0; i < size; i++) {
    Pattern* q = patterns[uint32_t(i)];
    if (is_wildcard(q) || i == star) continue;
    c_.emit(COPY, 1, l);
    if (i < star) {
      if (!load_int(l, i)) return false;
    } else {
      // The subject may not support negative indexes: compute len - k.
      c_.emit(GET_LEN, l);
      if (!load_int(l, size - i)) return false;
      c_.emit(BINARY_OP, kNbSubtract, l);
    }
    c_.emit(BINARY_SUBSCR, l);
    if (!subpattern(q, pc)) return false;
  }
  pc->on_top--;
  c_.emit(POP_TOP, l);
  return true;
}

bool PatternCompiler::subpattern(Pattern* p, PatternContext* pc) {
  bool saved = pc->allow_irrefutable;
  pc->allow_irrefutable = true;
  bool ok = pattern(p, pc);
  pc->allow_irrefutable = saved;
  return ok;
}

bool PatternCompiler::as_pattern(Pattern* p, PatternContext* pc) {
  if (!p->v.MatchAs.pattern) {
    if (!pc->allow_irrefutable) {
      if (!p->v.MatchAs.name.is_null())
        return c_.error(fmt::format("name capture '{}' makes remaining patterns unreachable", p->v.MatchAs.name.view()),
                        loc(p));
      return c_.error("wildcard makes remaining patterns unreachable", loc(p));
    }
    return store_name(loc(p), p->v.MatchAs.name, pc);
  }
  pc->on_top++;
  c_.emit(COPY, 1, loc(p));
  if (!pattern(p->v.MatchAs.pattern, pc)) return false;
  pc->on_top--;
  return store_name(loc(p), p->v.MatchAs.name, pc);
}

bool PatternCompiler::class_pattern(Pattern* p, PatternContext* pc) {
  const Patterns& patterns = p->v.MatchClass.patterns;
  const Idents& attrs = p->v.MatchClass.kwd_attrs;
  const Patterns& kwd_patterns = p->v.MatchClass.kwd_patterns;
  uint32_t nargs = patterns.size, nattrs = attrs.size;
  if (nattrs != kwd_patterns.size)
    return c_.error(fmt::format("kwd_attrs ({}) / kwd_patterns ({}) length mismatch in class pattern", nattrs,
                                kwd_patterns.size),
                    loc(p));
  for (uint32_t i = 0; i < nattrs; i++) {
    SrcLoc al = loc(kwd_patterns[i]);
    if (!c_.forbidden_name(attrs[i].view(), ExprContext::Store, al)) return false;
    for (uint32_t j = i + 1; j < nattrs; j++)
      if (attrs[i].view() == attrs[j].view())
        return c_.error(fmt::format("attribute name repeated in class pattern: {}", attrs[i].view()),
                        loc(kwd_patterns[j]));
  }
  if (!c_.visit_expr(p->v.MatchClass.cls)) return false;
  Ref<> names = steal(tuple_new(nattrs));
  if (!names) return false;
  for (uint32_t i = 0; i < nattrs; i++) {
    Object* s = str_from_utf8(attrs[i].view());
    if (!s) return false;
    tuple_set(names.get(), i, s);
  }
  if (!c_.emit_const(names.get(), loc(p))) return false;
  c_.emit(MATCH_CLASS, int(nargs), loc(p));
  c_.emit(COPY, 1, loc(p));
  if (!c_.emit_const(none(), loc(p))) return false;
  c_.emit(IS_OP, 1, loc(p));
  // TOS is a tuple of the nargs + nattrs attributes (or None).
  pc->on_top++;
  jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  c_.emit(UNPACK_SEQUENCE, int(nargs + nattrs), loc(p));
  pc->on_top += int(nargs + nattrs) - 1;
  for (uint32_t i = 0; i < nargs + nattrs; i++) {
    pc->on_top--;
    Pattern* q = i < nargs ? patterns[i] : kwd_patterns[i - nargs];
    if (is_wildcard(q)) {
      c_.emit(POP_TOP, loc(p));
      continue;
    }
    if (!subpattern(q, pc)) return false;
  }
  return true;
}

bool PatternCompiler::mapping_pattern(Pattern* p, PatternContext* pc) {
  const Exprs& keys = p->v.MatchMapping.keys;
  const Patterns& patterns = p->v.MatchMapping.patterns;
  Str rest = p->v.MatchMapping.rest;
  uint32_t size = keys.size;
  if (size != patterns.size)
    return c_.error(
        fmt::format("keys ({}) / patterns ({}) length mismatch in mapping pattern", size, patterns.size), loc(p));
  pc->on_top++;  // the subject stays on top during the mapping and length checks
  c_.emit(MATCH_MAPPING, loc(p));
  jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  if (size == 0 && rest.is_null()) {
    pc->on_top--;  // just "{}": done with the subject
    c_.emit(POP_TOP, loc(p));
    return true;
  }
  if (size) {
    c_.emit(GET_LEN, loc(p));
    if (!load_int(loc(p), size)) return false;
    if (!c_.add_compare(loc(p), CmpOpKind::GtE)) return false;
    jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  }
  // The keys (literals or attribute lookups) go in a tuple for MATCH_KEYS; duplicate literals are an error.
  Ref<> seen = steal(set_new(nullptr));
  if (!seen) return false;
  for (uint32_t i = 0; i < size; i++) {
    Expr* key = keys[i];
    if (!key)
      return c_.error("can't use NULL keys in MatchMapping (set 'rest' parameter instead)", loc(patterns[i]));
    Ref<> v;
    if (key->kind == ExprKind::Constant)
      v = steal(c_.constant_object(key->v.Constant.value));
    else if (key->kind != ExprKind::Attribute)
      v = steal(c_.fold(key));  // -1, 1+2j: literals the AST optimiser folds
    if (error_occurred()) return false;
    if (v) {
      int in = set_contains(seen.get(), v.get());
      if (in < 0) return false;
      if (in) {
        Ref<> r = steal(object_repr(v.get()));
        if (!r) return false;
        return c_.error(fmt::format("mapping pattern checks duplicate key ({})", str_view(r.get())), loc(p));
      }
      if (set_add(seen.get(), v.get()) < 0) return false;
    } else if (key->kind != ExprKind::Attribute) {
      return c_.error("mapping pattern keys may only match literals and attribute lookups", loc(p));
    }
    if (!c_.visit_expr(key)) return false;
  }
  c_.emit(BUILD_TUPLE, int(size), loc(p));
  c_.emit(MATCH_KEYS, loc(p));
  // A tuple of keys and a tuple of values (or None) are now on top of the subject.
  pc->on_top += 2;
  c_.emit(COPY, 1, loc(p));
  if (!c_.emit_const(none(), loc(p))) return false;
  c_.emit(IS_OP, 1, loc(p));
  jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  c_.emit(UNPACK_SEQUENCE, int(size), loc(p));
  pc->on_top += int(size) - 1;
  for (uint32_t i = 0; i < size; i++) {
    pc->on_top--;
    if (!subpattern(patterns[i], pc)) return false;
  }
  // A match: what follows consumes the keys tuple and the subject.
  pc->on_top -= 2;
  if (!rest.is_null()) {
    // rest = dict(subject); del rest[key] for each key.
    c_.emit(BUILD_MAP, 0, loc(p));
    c_.emit(SWAP, 3, loc(p));
    c_.emit(DICT_UPDATE, 2, loc(p));
    c_.emit(UNPACK_SEQUENCE, int(size), loc(p));
    for (uint32_t n = size; n > 0; n--) {
      c_.emit(COPY, int(1 + n), loc(p));
      c_.emit(SWAP, 2, loc(p));
      c_.emit(DELETE_SUBSCR, loc(p));
    }
    return store_name(loc(p), rest, pc);
  }
  c_.emit(POP_TOP, loc(p));  // the keys
  c_.emit(POP_TOP, loc(p));  // the subject
  return true;
}

bool PatternCompiler::or_pattern(Pattern* p, PatternContext* pc) {
  int end = c_.new_label();
  const Patterns& alts = p->v.MatchOr.patterns;
  PatternContext old = std::move(*pc);
  // The names bound by the first alternative: the others must bind the same ones, reordered to match.
  std::vector<std::string> control;
  for (uint32_t i = 0; i < alts.size; i++) {
    Pattern* alt = alts[i];
    PatternContext alt_pc;
    alt_pc.allow_irrefutable = i == alts.size - 1 && old.allow_irrefutable;
    c_.emit(COPY, 1, loc(alt));
    if (!pattern(alt, &alt_pc)) return false;
    size_t nstores = alt_pc.stores.size();
    if (i == 0) {
      control = alt_pc.stores;
    } else if (nstores != control.size()) {
      return c_.error("alternative patterns bind different names", loc(p));
    } else if (nstores) {
      for (size_t icontrol = nstores; icontrol-- > 0;) {
        auto it = std::find(alt_pc.stores.begin(), alt_pc.stores.end(), control[icontrol]);
        if (it == alt_pc.stores.end()) return c_.error("alternative patterns bind different names", loc(p));
        size_t istores = size_t(it - alt_pc.stores.begin());
        if (icontrol != istores) {
          // Move the first istores+1 names to sit at icontrol-istores, on the stack as in the list.
          size_t rotations = istores + 1;
          std::vector<std::string> rotated(alt_pc.stores.begin(), alt_pc.stores.begin() + long(rotations));
          alt_pc.stores.erase(alt_pc.stores.begin(), alt_pc.stores.begin() + long(rotations));
          alt_pc.stores.insert(alt_pc.stores.begin() + long(icontrol - istores), rotated.begin(), rotated.end());
          while (rotations--) rotate(loc(alt), icontrol + 1);
        }
      }
    }
    c_.emit_jump(kJump, end, loc(alt));
    emit_and_reset_fail_pop(loc(alt), &alt_pc);
  }
  *pc = std::move(old);
  // No alternative matched: pop the subject's copy and fail.
  c_.emit(POP_TOP, loc(p));
  jump_to_fail_pop(loc(p), pc, kJump);
  c_.use_label(end);
  size_t nstores = control.size();
  // Between the new captures and their place: the other new captures, the subject's copy, the items on top and the
  // earlier captures.
  size_t nrots = nstores + 1 + size_t(pc->on_top) + pc->stores.size();
  for (size_t i = 0; i < nstores; i++) {
    rotate(loc(p), nrots);
    if (std::find(pc->stores.begin(), pc->stores.end(), control[i]) != pc->stores.end())
      return duplicate_store(loc(p), control[i]);
    pc->stores.push_back(control[i]);
  }
  c_.emit(POP_TOP, loc(p));  // the subject's copy
  return true;
}

bool PatternCompiler::sequence_pattern(Pattern* p, PatternContext* pc) {
  const Patterns& patterns = p->v.MatchSequence.patterns;
  ssize size = patterns.size;
  int star = -1;
  bool only_wildcard = true, star_wildcard = false;
  for (ssize i = 0; i < size; i++) {
    Pattern* q = patterns[uint32_t(i)];
    if (q->kind == PatternKind::MatchStar) {
      if (star >= 0) return c_.error("multiple starred names in sequence pattern", loc(p));
      star_wildcard = is_star_wildcard(q);
      only_wildcard &= star_wildcard;
      star = int(i);
      continue;
    }
    only_wildcard &= is_wildcard(q);
  }
  pc->on_top++;  // the subject stays on top during the sequence and length checks
  c_.emit(MATCH_SEQUENCE, loc(p));
  jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  if (star < 0) {
    c_.emit(GET_LEN, loc(p));
    if (!load_int(loc(p), size)) return false;
    if (!c_.add_compare(loc(p), CmpOpKind::Eq)) return false;
    jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  } else if (size - 1) {
    c_.emit(GET_LEN, loc(p));
    if (!load_int(loc(p), size - 1)) return false;
    if (!c_.add_compare(loc(p), CmpOpKind::GtE)) return false;
    jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  }
  pc->on_top--;  // what follows consumes the subject
  if (only_wildcard) {
    c_.emit(POP_TOP, loc(p));
    return true;
  }
  if (star_wildcard) return sequence_subscr(loc(p), patterns, star, pc);
  return sequence_unpack(loc(p), patterns, pc);
}

bool PatternCompiler::value_pattern(Pattern* p, PatternContext* pc) {
  Expr* value = p->v.MatchValue.value;
  if (value->kind != ExprKind::Constant && value->kind != ExprKind::Attribute && !folds(value))
    return c_.error("patterns may only match literals and attribute lookups", loc(p));
  if (!c_.visit_expr(value)) return false;
  if (!c_.add_compare(loc(p), CmpOpKind::Eq)) return false;
  c_.emit(TO_BOOL, loc(p));
  jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
  return true;
}

bool PatternCompiler::pattern(Pattern* p, PatternContext* pc) {
  switch (p->kind) {
    case PatternKind::MatchValue:
      return value_pattern(p, pc);
    case PatternKind::MatchSingleton: {
      Ref<> v = steal(c_.constant_object(p->v.MatchSingleton.value));
      if (!v || !c_.emit_const(v.get(), loc(p))) return false;
      if (!c_.add_compare(loc(p), CmpOpKind::Is)) return false;
      jump_to_fail_pop(loc(p), pc, POP_JUMP_IF_FALSE);
      return true;
    }
    case PatternKind::MatchSequence:
      return sequence_pattern(p, pc);
    case PatternKind::MatchMapping:
      return mapping_pattern(p, pc);
    case PatternKind::MatchClass:
      return class_pattern(p, pc);
    case PatternKind::MatchStar:
      return store_name(loc(p), p->v.MatchStar.name, pc);
    case PatternKind::MatchAs:
      return as_pattern(p, pc);
    case PatternKind::MatchOr:
      return or_pattern(p, pc);
  }
  return c_.error("invalid match pattern node in AST", loc(p));
}

bool PatternCompiler::match(Stmt* s) {
  if (!c_.visit_expr(s->v.Match.subject)) return false;
  int end = c_.new_label();
  const MatchCases& cases = s->v.Match.cases;
  uint32_t ncases = cases.size;
  // A trailing `case _:` needs no copy of the subject and no failure path.
  bool has_default = ncases > 1 && is_wildcard(cases[ncases - 1]->pattern);
  uint32_t tried = ncases - (has_default ? 1 : 0);
  for (uint32_t i = 0; i < tried; i++) {
    MatchCase* m = cases[i];
    SrcLoc ploc = loc_of(m->pattern->loc);
    // Keep the subject for the next case unless this is the last one tried.
    if (i != tried - 1) c_.emit(COPY, 1, ploc);
    PatternContext pc;
    pc.allow_irrefutable = m->guard != nullptr || i == ncases - 1;
    if (!pattern(m->pattern, &pc)) return false;
    // A match: store the captured names (they are on the stack).
    for (const std::string& name : pc.stores)
      if (!c_.nameop(name, ExprContext::Store, ploc)) return false;
    if (m->guard) {
      ensure_fail_pop(&pc, 0);
      if (!c_.jump_if(ploc, m->guard, pc.fail_pop[0], false)) return false;
    }
    if (i != tried - 1) c_.emit(POP_TOP, ploc);  // done with the subject
    if (!c_.visit_stmts(m->body)) return false;
    c_.emit_jump(kJump, end, kNoLoc);
    // A failed pattern's clean-up belongs to the pattern's line, not to the body's last one.
    emit_and_reset_fail_pop(ploc, &pc);
  }
  if (has_default) {
    MatchCase* m = cases[ncases - 1];
    SrcLoc ploc = loc_of(m->pattern->loc);
    if (ncases == 1)
      c_.emit(POP_TOP, ploc);
    else
      c_.emit(NOP, ploc);  // line coverage for the default case
    if (m->guard && !c_.jump_if(ploc, m->guard, end, false)) return false;
    if (!c_.visit_stmts(m->body)) return false;
  }
  c_.use_label(end);
  return true;
}

}  // namespace

bool Compiler::match_stmt(Stmt* s) {
  PatternCompiler pc(*this);
  return pc.match(s);
}

}  // namespace pyvm::compiler
