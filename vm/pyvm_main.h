// The command-line driver: argument handling, running a .pyc as __main__, exit status.
#pragma once

namespace pyvm {

int pyvm_main(int argc, char** argv);

}  // namespace pyvm
