// Tests for struct sequences: shape, tuple behaviour, attributes, the constructor's checks, __reduce__ and
// __replace__, with CPython 3.13's messages.
#include "objects/structseq.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

void init() { REQUIRE(runtime_init() == 0); }

std::string err() {
  ORef e = steal(error_take());
  if (!e) return "<no error>";
  std::string s;
  if (!object_str_utf8(e.get(), &s)) {
    error_clear();
    s = "<str() failed>";
  }
  return std::string(type_name(e.get())) + ": " + s;
}

std::string repr(Object* o) {
  if (!o) return "<null: " + err() + ">";
  std::string s;
  if (!repr_utf8(o, &s)) return "<repr failed: " + err() + ">";
  return s;
}

ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef S(const char* s) { return steal(str_from_utf8(s)); }
ORef ints(std::vector<int64_t> v) {
  ORef t = steal(tuple_new(ssize(v.size())));
  for (size_t i = 0; i < v.size(); i++) tuple_set(t.get(), ssize(i), int_from_i64(v[i]));
  return t;
}
Object* type_obj(Type* t) { return reinterpret_cast<Object*>(t); }

// Shapes like CPython's os.stat_result (unnamed fields, hidden fields) and os.terminal_size (all visible).
const StructSeqField kStatFields[] = {{"st_mode", "mode"},      {"st_ino", "inode"},          {"st_dev", "device"},
                                      {"st_nlink", "links"},    {"st_uid", "owner"},          {"st_gid", "group"},
                                      {"st_size", "size"},      {kStructSeqUnnamed, "atime"}, {kStructSeqUnnamed, "m"},
                                      {kStructSeqUnnamed, "c"}, {"st_atime", "a float"},      {"st_mtime", nullptr},
                                      {"st_ctime", nullptr},    {"st_atime_ns", nullptr},     {nullptr, nullptr}};
const StructSeqDesc kStatDesc = {"test.stat_like", "A stat-like record.", kStatFields, 10};

const StructSeqField kSizeFields[] = {{"columns", "width"}, {"lines", "height"}, {nullptr, nullptr}};
const StructSeqDesc kSizeDesc = {"test.size", nullptr, kSizeFields, 2};

const StructSeqField kTmFields[] = {
    {"tm_year", nullptr}, {"tm_mon", nullptr}, {"tm_zone", nullptr}, {nullptr, nullptr}};
const StructSeqDesc kTmDesc = {"test.tm", nullptr, kTmFields, 2};

const StructSeqDesc kFlagsDesc = {"test.flags", nullptr, kSizeFields, 2, /*constructible=*/false};

Type* stat_type() {
  static Type* t = structseq_new_type(&kStatDesc);
  return t;
}
Type* size_type() {
  static Type* t = structseq_new_type(&kSizeDesc);
  return t;
}
Type* tm_type() {
  static Type* t = structseq_new_type(&kTmDesc);
  return t;
}

ORef make_size(int64_t c, int64_t l) {
  ORef o = steal(structseq_new(size_type()));
  structseq_set(o.get(), 0, int_from_i64(c));
  structseq_set(o.get(), 1, int_from_i64(l));
  return o;
}

// Calls type(args...) with optional keyword arguments given as a dict.
ORef call_type(Type* t, std::vector<Object*> args, Object* kwargs = nullptr) {
  ORef a = steal(tuple_from_array(args.data(), ssize(args.size())));
  return steal(call_tuple_dict(type_obj(t), a.get(), kwargs));
}

}  // namespace

TEST_CASE("structseq: type shape and class attributes") {
  init();
  Type* t = stat_type();
  REQUIRE(t);
  CHECK(structseq_type_check(t));
  CHECK_FALSE(structseq_type_check(&tuple_type));
  CHECK(is_subtype(t, &tuple_type));
  CHECK(repr(type_obj(t)) == "<class 'test.stat_like'>");
  ORef mod = steal(get_attr_str(type_obj(t), "__module__"));
  CHECK(repr(mod.get()) == "'test'");
  CHECK(repr(ORef(steal(get_attr_str(type_obj(t), "n_sequence_fields"))).get()) == "10");
  CHECK(repr(ORef(steal(get_attr_str(type_obj(t), "n_fields"))).get()) == "14");
  CHECK(repr(ORef(steal(get_attr_str(type_obj(t), "n_unnamed_fields"))).get()) == "3");
  CHECK(repr(ORef(steal(get_attr_str(type_obj(t), "__match_args__"))).get()) ==
        "('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size')");
  CHECK(repr(ORef(steal(get_attr_str(type_obj(t), "__doc__"))).get()) == "'A stat-like record.'");
  ORef member = steal(get_attr_str(type_obj(t), "st_atime"));
  CHECK(repr(member.get()) == "<member 'st_atime' of 'test.stat_like' objects>");
  CHECK(repr(ORef(steal(get_attr_str(member.get(), "__doc__"))).get()) == "'a float'");
}

TEST_CASE("structseq: tuple behaviour covers only the visible fields") {
  init();
  ORef s = make_size(80, 24);
  CHECK(repr(s.get()) == "test.size(columns=80, lines=24)");
  CHECK(object_length(s.get()) == 2);
  ORef plain = ints({80, 24});
  CHECK(object_hash(s.get()) == object_hash(plain.get()));
  CHECK(rich_compare_bool(s.get(), plain.get(), Py_EQ) == 1);
  ORef one = I(1);
  ORef item = steal(get_item(s.get(), one.get()));
  CHECK(repr(item.get()) == "24");
  ORef cols = steal(get_attr_str(s.get(), "columns"));
  CHECK(repr(cols.get()) == "80");
  // Slices and concatenation produce plain tuples.
  ORef slice = steal(tuple_get_slice(s.get(), 0, 1));
  CHECK(type_of(slice.get()) == &tuple_type);
  ORef sum = steal(binary_op(s.get(), plain.get(), NB_ADD));
  CHECK(repr(sum.get()) == "(80, 24, 80, 24)");
}

TEST_CASE("structseq: hidden and unnamed fields") {
  init();
  ORef st = call_type(stat_type(), {ints({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}).get()});
  REQUIRE(st);
  CHECK(object_length(st.get()) == 10);
  // Visible items are named by position among the named fields, as CPython prints them.
  CHECK(repr(st.get()) ==
        "test.stat_like(st_mode=0, st_ino=1, st_dev=2, st_nlink=3, st_uid=4, st_gid=5, st_size=6, st_atime=7, "
        "st_mtime=8, st_ctime=9)");
  ORef hidden = steal(get_attr_str(st.get(), "st_atime"));
  CHECK(hidden.get() == none());
  ORef red = steal(call_method0(st.get(), str_interned("__reduce__")));
  CHECK(repr(red.get()) ==
        "(<class 'test.stat_like'>, ((0, 1, 2, 3, 4, 5, 6, 7, 8, 9), {'st_atime': None, 'st_mtime': None, "
        "'st_ctime': None, 'st_atime_ns': None}))");
  ORef full = call_type(stat_type(), {ints({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).get()});
  CHECK(repr(ORef(steal(get_attr_str(full.get(), "st_mtime"))).get()) == "11");
  CHECK(object_length(full.get()) == 10);
  // Fields are read-only and instances have no __dict__.
  ORef v = I(1);
  CHECK(set_attr_str(full.get(), "st_mode", v.get()) == -1);
  CHECK(err() == "AttributeError: readonly attribute");
  CHECK(set_attr_str(full.get(), "foo", v.get()) == -1);
  CHECK(err() ==
        "AttributeError: 'test.stat_like' object has no attribute 'foo' and no __dict__ for setting new attributes");
}

TEST_CASE("structseq: constructor checks") {
  init();
  CHECK(!call_type(stat_type(), {ints({1, 2, 3}).get()}));
  CHECK(err() == "TypeError: test.stat_like() takes an at least 10-sequence (3-sequence given)");
  CHECK(!call_type(stat_type(), {ints(std::vector<int64_t>(15, 1)).get()}));
  CHECK(err() == "TypeError: test.stat_like() takes an at most 14-sequence (15-sequence given)");
  CHECK(!call_type(size_type(), {ints({1, 2, 3}).get()}));
  CHECK(err() == "TypeError: test.size() takes a 2-sequence (3-sequence given)");
  ORef five = I(5);
  CHECK(!call_type(size_type(), {five.get()}));
  CHECK(err() == "TypeError: constructor requires a sequence");
  CHECK(!call_type(size_type(), {ints({1}).get(), five.get()}));
  CHECK(err() == "TypeError: test.size() takes a dict as second arg, if any");
  CHECK(!call_type(size_type(), {ints({1, 2}).get(), none()}));
  CHECK(err() == "TypeError: test.size() takes a dict as second arg, if any");
  CHECK(!call_type(size_type(), {}));
  CHECK(err() == "TypeError: structseq() missing required argument 'sequence' (pos 1)");
  CHECK(!call_type(size_type(), {five.get(), five.get(), five.get()}));
  CHECK(err() == "TypeError: structseq() takes at most 2 arguments (3 given)");
  // A str is a sequence of characters.
  ORef ab = S("ab");
  CHECK(repr(call_type(size_type(), {ab.get()}).get()) == "test.size(columns='a', lines='b')");
  // Hidden fields come from the dict; names already given by the sequence, or unknown, are errors.
  ORef d = steal(dict_new());
  ORef zone = S("UTC");
  REQUIRE(dict_set_str(d.get(), "tm_zone", zone.get()) == 0);
  ORef tm = call_type(tm_type(), {ints({2024, 5}).get(), d.get()});
  REQUIRE(tm);
  CHECK(repr(ORef(steal(get_attr_str(tm.get(), "tm_zone"))).get()) == "'UTC'");
  CHECK(!call_type(tm_type(), {ints({2024, 5, 6}).get(), d.get()}));
  CHECK(err() == "TypeError: test.tm() got duplicate or unexpected field name(s)");
  // Keyword arguments.
  ORef kw = steal(dict_new());
  REQUIRE(dict_set_str(kw.get(), "sequence", ORef(ints({3, 4})).get()) == 0);
  CHECK(repr(call_type(size_type(), {}, kw.get()).get()) == "test.size(columns=3, lines=4)");
  REQUIRE(dict_set_str(kw.get(), "x", five.get()) == 0);
  CHECK(!call_type(size_type(), {}, kw.get()));
  CHECK(err() == "TypeError: structseq() got an unexpected keyword argument 'x'");
}

TEST_CASE("structseq: __replace__") {
  init();
  ORef s = make_size(80, 24);
  ORef meth = steal(get_attr_str(s.get(), "__replace__"));
  Object* vals[] = {I(7).release()};
  ORef seven = steal(vals[0]);
  ORef names = steal(tuple_pack({S("lines").get()}));
  ORef r = steal(call(meth.get(), vals, 0, names.get()));
  CHECK(repr(r.get()) == "test.size(columns=80, lines=7)");
  ORef bad = steal(tuple_pack({S("bogus").get()}));
  CHECK(!call(meth.get(), vals, 0, bad.get()));
  CHECK(err() == "TypeError: Got unexpected field name(s): ['bogus']");
  CHECK(!call(meth.get(), vals, 1, nullptr));
  CHECK(err() == "TypeError: __replace__() takes no positional arguments");
  ORef copy = steal(call(meth.get(), nullptr, 0, nullptr));
  CHECK(copy.get() != s.get());
  CHECK(repr(copy.get()) == "test.size(columns=80, lines=24)");
  ORef st = call_type(stat_type(), {ints({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}).get()});
  ORef smeth = steal(get_attr_str(st.get(), "__replace__"));
  CHECK(!call(smeth.get(), vals, 0, names.get()));
  CHECK(err() == "TypeError: __replace__() is not supported for test.stat_like because it has unnamed field(s)");
}

TEST_CASE("structseq: non-constructible types and odd allocations") {
  init();
  static Type* flags = structseq_new_type(&kFlagsDesc);
  REQUIRE(flags);
  CHECK(!call_type(flags, {ints({1, 2}).get()}));
  CHECK(error_matches(&exc_TypeError));
  error_clear();
  // tuple.__new__(T, longer) still leaves room for every field, so deallocation stays in bounds.
  ORef tnew = steal(get_attr_str(type_obj(&tuple_type), "__new__"));
  Object* args[] = {type_obj(size_type()), ints({1, 2, 3, 4, 5}).release()};
  ORef held = steal(args[1]);
  ORef odd = steal(call(tnew.get(), args, 2, nullptr));
  if (odd) CHECK(object_length(odd.get()) == 5);
  error_clear();
}
