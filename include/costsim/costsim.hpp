#pragma once
/// Umbrella header: the whole std-only public API of the cost-sim library.

#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/error.hpp>
#include <costsim/offering.hpp>
#include <costsim/regions.hpp>
#include <costsim/units.hpp>
#include <costsim/version.hpp>
#include <costsim/workload.hpp>
