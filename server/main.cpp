// cost-sim-server: the HTTP API and the page. Everything is in app.cpp.
#include "app.hpp"

int main(int argc, char** argv) { return costsim::server::run(argc, argv); }
