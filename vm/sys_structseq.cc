// sys's struct sequences: sys.flags, sys.version_info, sys.float_info, sys.int_info, sys.hash_info and
// sys.thread_info, with the values pyvm runs with.
#include <unistd.h>

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/types.h"
#include "vm/sysmodule.h"

namespace pyvm {
namespace {

const StructSeqField kFlagsFields[] = {{"debug", "-d"},
                                       {"inspect", "-i"},
                                       {"interactive", "-i"},
                                       {"optimize", "-O or -OO"},
                                       {"dont_write_bytecode", "-B"},
                                       {"no_user_site", "-s"},
                                       {"no_site", "-S"},
                                       {"ignore_environment", "-E"},
                                       {"verbose", "-v"},
                                       {"bytes_warning", "-b"},
                                       {"quiet", "-q"},
                                       {"hash_randomization", "-R"},
                                       {"isolated", "-I"},
                                       {"dev_mode", "-X dev"},
                                       {"utf8_mode", "-X utf8"},
                                       {"warn_default_encoding", "-X warn_default_encoding"},
                                       {"safe_path", "-P"},
                                       {"int_max_str_digits", "-X int_max_str_digits"},
                                       {"gil", "-X gil"},
                                       {nullptr, nullptr}};
const StructSeqDesc kFlagsDesc = {"sys.flags", "sys.flags\n\nFlags given on the command line or in the environment.",
                                  kFlagsFields, 18, /*constructible=*/false};

const StructSeqField kVersionFields[] = {
    {"major", "major version"},         {"minor", "minor version"},
    {"micro", "micro (patch) version"}, {"releaselevel", "'alpha', 'beta', 'candidate', or 'final'"},
    {"serial", "release serial"},       {nullptr, nullptr}};
const StructSeqDesc kVersionDesc = {"sys.version_info", "sys.version_info\n\nThe version of the Python language.",
                                    kVersionFields, 5, /*constructible=*/false};

const StructSeqField kFloatFields[] = {{"max", "largest finite float"},
                                       {"max_exp", "largest exponent e with radix**(e-1) finite"},
                                       {"max_10_exp", "largest exponent e with 10**e finite"},
                                       {"min", "smallest positive normal float"},
                                       {"min_exp", "smallest exponent e with radix**(e-1) normal"},
                                       {"min_10_exp", "smallest exponent e with 10**e normal"},
                                       {"dig", "decimal digits a float keeps exactly"},
                                       {"mant_dig", "digits in the mantissa"},
                                       {"epsilon", "gap between 1.0 and the next float"},
                                       {"radix", "base of the exponent"},
                                       {"rounds", "rounding mode of addition (1: to nearest)"},
                                       {nullptr, nullptr}};
const StructSeqDesc kFloatDesc = {"sys.float_info", "sys.float_info\n\nThe characteristics of the float type.",
                                  kFloatFields, 11};

const StructSeqField kIntFields[] = {{"bits_per_digit", "bits stored in each digit"},
                                     {"sizeof_digit", "bytes of the C type holding a digit"},
                                     {"default_max_str_digits", "default limit on digits in int/str conversions"},
                                     {"str_digits_check_threshold", "smallest non-zero limit allowed"},
                                     {nullptr, nullptr}};
const StructSeqDesc kIntDesc = {"sys.int_info", "sys.int_info\n\nHow ints are represented internally.", kIntFields, 4};

const StructSeqField kHashFields[] = {{"width", "bits in a hash value"},
                                      {"modulus", "prime modulus of the numeric hash"},
                                      {"inf", "hash of positive infinity"},
                                      {"nan", "hash of a NaN (unused: NaNs hash by identity)"},
                                      {"imag", "multiplier of a complex number's imaginary part"},
                                      {"algorithm", "algorithm hashing str and bytes"},
                                      {"hash_bits", "output bits of that algorithm"},
                                      {"seed_bits", "seed bits of that algorithm"},
                                      {"cutoff", "length below which a simpler hash is used"},
                                      {nullptr, nullptr}};
const StructSeqDesc kHashDesc = {"sys.hash_info", "sys.hash_info\n\nThe parameters of the numeric hash.", kHashFields,
                                 9};

const StructSeqField kThreadFields[] = {{"name", "thread implementation"},
                                        {"lock", "lock implementation"},
                                        {"version", "thread library and its version"},
                                        {nullptr, nullptr}};
const StructSeqDesc kThreadDesc = {"sys.thread_info", "sys.thread_info\n\nThe thread implementation.", kThreadFields,
                                   3};

// A struct sequence of `desc` filled from new references; null (and the rest released) when any is null.
Object* make(const StructSeqDesc* desc, std::initializer_list<Object*> values) {
  Type* t = structseq_new_type(desc);
  ORef r = t ? steal(structseq_new(t)) : ORef();
  bool ok = bool(r);
  ssize i = 0;
  for (Object* v : values) {
    ok = ok && v;
    if (r)
      structseq_set(r.get(), i++, v);
    else
      xdecref(v);
  }
  return ok ? r.release() : nullptr;
}

Object* I(int64_t v) { return int_from_i64(v); }
Object* S(const char* s) { return str_from_utf8(s); }
Object* B(bool b) { return newref(bool_obj(b)); }

// An environment variable as CPython reads a flag from it: unset or empty is 0, a number is itself, else 1.
int env_flag(const char* name) {
  const char* v = python_getenv(name);
  if (!v || !*v) return 0;
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  return *end ? 1 : int(n < 0 ? 1 : n);
}

}  // namespace

// Installs the struct sequences into sys's dict (replacing the plain version_info tuple). Runs once, from sys_init,
// before any other thread exists; the objects are immutable afterwards.
int sys_structseq_init(Object* sys_dict) {
  const SysCliFlags& cli = sys_cli_flags();
  ORef flags = steal(make(&kFlagsDesc, {
                                           I(std::max(cli.debug, env_flag("PYTHONDEBUG"))),
                                           I(cli.inspect | env_flag("PYTHONINSPECT")),
                                           I(cli.interactive),
                                           I(std::max(cli.optimize, env_flag("PYTHONOPTIMIZE"))),
                                           I(cli.dont_write_bytecode | env_flag("PYTHONDONTWRITEBYTECODE")),
                                           I(cli.no_user_site | env_flag("PYTHONNOUSERSITE")),
                                           I(cli.no_site),
                                           I(cli.ignore_environment),
                                           I(std::max(cli.verbose, env_flag("PYTHONVERBOSE"))),
                                           I(cli.bytes_warning),
                                           I(cli.quiet),
                                           I(hash_randomization_enabled() ? 1 : 0),
                                           I(cli.isolated),
                                           B(cli.dev_mode || env_flag("PYTHONDEVMODE") != 0),
                                           I(cli.utf8_mode | env_flag("PYTHONUTF8")),
                                           I(0),
                                           B(cli.safe_path || env_flag("PYTHONSAFEPATH") != 0),
                                           I(kIntMaxStrDigitsDefault),
                                           I(0),  // gil: pyvm never enables a GIL
                                       }));
  ORef version = steal(make(&kVersionDesc, {I(3), I(13), I(0), S("final"), I(0)}));
  ORef floats = steal(make(&kFloatDesc, {float_from_double(DBL_MAX), I(DBL_MAX_EXP), I(DBL_MAX_10_EXP),
                                         float_from_double(DBL_MIN), I(DBL_MIN_EXP), I(DBL_MIN_10_EXP), I(DBL_DIG),
                                         I(DBL_MANT_DIG), float_from_double(DBL_EPSILON), I(FLT_RADIX), I(1)}));
  ORef ints = steal(
      make(&kIntDesc, {I(PyLong_SHIFT), I(sizeof(digit)), I(kIntMaxStrDigitsDefault), I(kIntMaxStrDigitsThreshold)}));
  // str, bytes and memoryview hash with siphash13 under a 128-bit key (objects/hash.h), with no small-input cutoff.
  ORef hashes = steal(make(
      &kHashDesc, {I(64), int_from_u64(kHashModulus), I(kHashInf), I(0), I(kHashImag), S("siphash13"), I(64), I(128), I(0)}));
  char libpthread[64] = "";
  size_t n = confstr(_CS_GNU_LIBPTHREAD_VERSION, libpthread, sizeof libpthread);
  ORef threads = steal(make(
      &kThreadDesc, {S("pthread"), S("mutex+cond"), n > 0 && n <= sizeof libpthread ? S(libpthread) : newref(none())}));
  if (!flags || !version || !floats || !ints || !hashes || !threads) return -1;
  if (dict_set_str(sys_dict, "flags", flags.get()) < 0 || dict_set_str(sys_dict, "version_info", version.get()) < 0 ||
      dict_set_str(sys_dict, "float_info", floats.get()) < 0 || dict_set_str(sys_dict, "int_info", ints.get()) < 0 ||
      dict_set_str(sys_dict, "hash_info", hashes.get()) < 0 || dict_set_str(sys_dict, "thread_info", threads.get()) < 0)
    return -1;
  return 0;
}

}  // namespace pyvm
