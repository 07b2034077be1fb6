// cost-sim: the command-line tool. All behaviour is in costsim::cli::run (cli/app.cpp).
#include "app.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    return costsim::cli::run(args, std::cin, std::cout, std::cerr);
}
