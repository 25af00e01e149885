// The pyvm command-line entry point; everything else lives in the runtime library.
#include "vm/pyvm_main.h"

int main(int argc, char** argv) { return pyvm::pyvm_main(argc, argv); }
