// The marshal format's constants (CPython's Python/marshal.c, format version 4, unchanged in 3.13), shared by the
// reader (marshal.cc) and the writer (marshal_write.cc).
#pragma once

namespace pyvm::marshal_format {

// The type codes of CPython's Python/marshal.c (format version 4, unchanged in 3.13).
constexpr int kTypeNull = '0';
constexpr int kTypeNone = 'N';
constexpr int kTypeFalse = 'F';
constexpr int kTypeTrue = 'T';
constexpr int kTypeStopIter = 'S';
constexpr int kTypeEllipsis = '.';
constexpr int kTypeInt = 'i';
constexpr int kTypeInt64 = 'I';  // no longer written, still read
constexpr int kTypeFloat = 'f';
constexpr int kTypeBinaryFloat = 'g';
constexpr int kTypeComplex = 'x';
constexpr int kTypeBinaryComplex = 'y';
constexpr int kTypeLong = 'l';
constexpr int kTypeString = 's';  // bytes
constexpr int kTypeInterned = 't';
constexpr int kTypeRef = 'r';
constexpr int kTypeTuple = '(';
constexpr int kTypeList = '[';
constexpr int kTypeDict = '{';
constexpr int kTypeCode = 'c';
constexpr int kTypeUnicode = 'u';
constexpr int kTypeSet = '<';
constexpr int kTypeFrozenSet = '>';
constexpr int kTypeAscii = 'a';
constexpr int kTypeAsciiInterned = 'A';
constexpr int kTypeSmallTuple = ')';
constexpr int kTypeShortAscii = 'z';
constexpr int kTypeShortAsciiInterned = 'Z';
constexpr int kFlagRef = 0x80;  // the object is appended to the reference list

// CPython's MAX_MARSHAL_STACK_DEPTH on non-Windows builds.
constexpr int kMaxDepth = 2000;
// Marshal's 15-bit long digits: two make one of our 30-bit digits.
constexpr int kMarshalShift = 15;
constexpr int kMarshalMask = (1 << kMarshalShift) - 1;

}  // namespace pyvm::marshal_format
