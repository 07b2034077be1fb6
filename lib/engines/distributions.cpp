// Distributions of uncertain inputs, the counter-based generator and the portable functions they
// need. Only IEEE-754 +, -, x, / and sqrt (correctly rounded everywhere) and exact scalings
// (ldexp, frexp) are used, so a seed draws the same samples on every machine; this file is built
// with -ffp-contract=off so no compiler fuses a multiply-add. Design/pricing-model.md#monte-carlo-ranges.
#include <costsim/error.hpp>
#include <costsim/monte_carlo.hpp>

#include "core/validation.hpp"
#include "engines/sampler.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>

namespace costsim {

namespace portable {

namespace {
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2 split (fdlibm): hi has 21 trailing zero bits
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double k64InvLn2 = 9.23324826168936567680e+01;  // 64 / ln 2
/// 2^(j/64), j = 0..63, correctly rounded (computed to 60 digits with Python's decimal).
constexpr double kExp2Table[64] = {
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0, 0x1.0b5586cf9890fp+0,
    0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0, 0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0,
    0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0, 0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0,
    0x1.2d285a6e4030bp+0, 0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0, 0x1.4bfdad5362a27p+0,
    0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0, 0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0,
    0x1.6247eb03a5585p+0, 0x1.6623882552225p+0, 0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0,
    0x1.75feb564267c9p+0, 0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0, 0x1.9c49182a3f090p+0,
    0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0, 0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0,
    0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0, 0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0,
    0x1.d072d4a07897cp+0, 0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0,
};

/// 2^m as a double for m in [-1022, 1023], from its bits (exact).
double pow2(int m) noexcept { return std::bit_cast<double>(static_cast<std::uint64_t>(m + 1023) << 52); }
}  // namespace

double exp(double x) noexcept {
    if (std::isnan(x)) return x;
    if (x > 709.78) return std::numeric_limits<double>::infinity();
    if (x < -745.2) return 0.0;
    // x = (64 m + j) ln2 / 64 + r, |r| <= ln2 / 128: exp x = 2^m 2^(j/64) e^r, e^r - 1 by its
    // Taylor polynomial to r^6 (r^7 / 7! < 2e-20), in Horner's form; no division.
    const double kd = std::floor(x * k64InvLn2 + 0.5);
    const double r = (x - kd * (kLn2Hi / 64)) - kd * (kLn2Lo / 64);  // kd x hi/64 is exact: |kd| < 2^17
    const auto k = static_cast<int>(kd);
    const int j = k & 63, m = (k - j) / 64;
    constexpr double c2 = 1.0 / 2, c3 = 1.0 / 6, c4 = 1.0 / 24, c5 = 1.0 / 120, c6 = 1.0 / 720;
    const double q = r + r * r * (c2 + r * (c3 + r * (c4 + r * (c5 + r * c6))));
    const double t = kExp2Table[j];
    const double y = t + t * q;  // in [0.99, 2.01]
    if (m >= -1021 && m <= 1022) return y * pow2(m);
    return std::ldexp(y, m);  // results near overflow or subnormal: ldexp scales exactly
}

double log(double x) noexcept {
    if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    int e = 0;
    double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2.0;
        e -= 1;
    }
    // log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.1716: s (1 + s^2/3 + s^4/5 + ... + s^28/29)
    // in Horner's form (s^30 / 31 < 4e-25)
    const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
    static constexpr double inv_odd[] = {1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,  1.0 / 11, 1.0 / 13, 1.0 / 15,
                                         1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23, 1.0 / 25, 1.0 / 27, 1.0 / 29};
    double poly = inv_odd[13];
    for (int n = 12; n >= 0; --n) poly = inv_odd[n] + s2 * poly;
    const double sum = s + s * (s2 * poly);
    return e * kLn2Hi + (2.0 * sum + e * kLn2Lo);
}

double normal_quantile(double p) noexcept {
    // Acklam's algorithm (relative error below 1.15e-9), coefficients as published.
    static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                   1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                   6.680131188771972e+01, -1.328068155288572e+01};
    static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                   -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                   3.754408661907416e+00};
    constexpr double low = 0.02425, high = 1 - low;
    if (!(p > 0.0)) return -std::numeric_limits<double>::infinity();
    if (!(p < 1.0)) return std::numeric_limits<double>::infinity();
    if (p < low) {
        const double q = std::sqrt(-2 * log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > high) {
        const double q = std::sqrt(-2 * log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double normal_cdf(double x) noexcept {
    // Marsaglia (2004): Phi(x) = 1/2 + phi(x) (x + x^3/3 + x^5/(3 5) + ...); beyond |x| = 9 the
    // tail is below 1e-18.
    if (x < -9.0) return 0.0;
    if (x > 9.0) return 1.0;
    double term = x, sum = x;
    const double x2 = x * x;
    for (int n = 3; n < 400 && sum + term != sum; n += 2) {
        term = term * x2 / n;
        sum += term;
    }
    constexpr double inv_sqrt_2pi = 0.39894228040143267794;
    return 0.5 + sum * inv_sqrt_2pi * exp(-0.5 * x2);
}

}  // namespace portable

std::uint64_t splitmix64_at(std::uint64_t seed, std::uint64_t counter) noexcept {
    std::uint64_t z = seed + (counter + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double unit_interval(std::uint64_t bits) noexcept { return (double(bits >> 12) + 0.5) * 0x1.0p-52; }

double draw(std::uint64_t seed, std::uint64_t sample, unsigned slot) noexcept {
    return unit_interval(splitmix64_at(seed, sample * 8 + slot));
}

const char* to_string(Distribution::Kind k) noexcept {
    switch (k) {
        case Distribution::Kind::fixed: return "fixed";
        case Distribution::Kind::uniform: return "uniform";
        case Distribution::Kind::triangular: return "triangular";
        case Distribution::Kind::normal: return "normal";
        case Distribution::Kind::lognormal: return "lognormal";
        case Distribution::Kind::empirical: return "empirical";
    }
    return "fixed";
}

namespace {

constexpr double kZ95 = 1.6448536269514722;  // the standard normal's 95th percentile

void require_order(double lower, const char* lower_name, double upper, const std::string& field,
                   const char* upper_name) {
    if (!(upper >= lower))
        throw InvalidInput(field + "." + upper_name,
                           "at least " + field + "." + lower_name + " (" + detail::format_number(lower) + ")",
                           detail::format_number(upper));
}

}  // namespace

void Distribution::validate(const std::string& field, double lo, double hi) const {
    const std::string p = field + ".";
    switch (kind) {
        case Kind::fixed: detail::require_range(value, lo, hi, {p, "value"}); return;
        case Kind::uniform:
            detail::require_range(min, lo, hi, {p, "min"});
            detail::require_range(max, lo, hi, {p, "max"});
            require_order(min, "min", max, field, "max");
            return;
        case Kind::triangular:
            detail::require_range(min, lo, hi, {p, "min"});
            detail::require_range(mode, lo, hi, {p, "mode"});
            detail::require_range(max, lo, hi, {p, "max"});
            require_order(min, "min", mode, field, "mode");
            require_order(mode, "mode", max, field, "max");
            return;
        case Kind::normal: {
            detail::require_range(mean, lo, hi, {p, "mean"});
            detail::require_range_open_low(sd, 0.0, hi - lo, {p, "sd"});
            detail::require_range(min, lo, hi, {p, "min"});
            detail::require_range(max, lo, hi, {p, "max"});
            require_order(min, "min", max, field, "max");
            const double mass = portable::normal_cdf((max - mean) / sd) - portable::normal_cdf((min - mean) / sd);
            if (!(mass >= 1e-3))
                throw InvalidInput(p + "min", field + ".min and .max holding at least 0.1 % of the normal's mass",
                                   detail::format_number(mass * 100) + " %");
            return;
        }
        case Kind::lognormal:
            detail::require_range_open_low(p50, std::max(lo, 0.0), hi, {p, "p50"});
            detail::require_range(p95, lo, hi, {p, "p95"});
            require_order(p50, "p50", p95, field, "p95");
            return;
        case Kind::empirical:
            if (values.empty() || values.size() > MonteCarloLimits::max_empirical_values)
                throw InvalidInput(p + "values",
                                   "1 to " + std::to_string(MonteCarloLimits::max_empirical_values) + " values",
                                   std::to_string(values.size()));
            for (std::size_t i = 0; i < values.size(); ++i) detail::require_range(values[i], lo, hi, {p, "values", i});
            return;
    }
}

namespace detail {

Sampler::Sampler(const Distribution& d) : d_(d) {
    if (d.kind == Distribution::Kind::normal) {
        a_ = portable::normal_cdf((d.min - d.mean) / d.sd);
        b_ = portable::normal_cdf((d.max - d.mean) / d.sd);
    } else if (d.kind == Distribution::Kind::lognormal) {
        mu_ = portable::log(d.p50);
        sigma_ = (portable::log(d.p95) - mu_) / kZ95;
    }
}

double Sampler::at(double u) const noexcept {
    using Kind = Distribution::Kind;
    const Distribution& d = d_;
    switch (d.kind) {
        case Kind::fixed: return d.value;
        case Kind::uniform: return d.min + u * (d.max - d.min);
        case Kind::triangular: {
            const double width = d.max - d.min;
            if (!(width > 0.0)) return d.min;
            if (u * width < d.mode - d.min) return d.min + std::sqrt(u * width * (d.mode - d.min));
            return d.max - std::sqrt((1.0 - u) * width * (d.max - d.mode));
        }
        case Kind::normal:
            return std::clamp(d.mean + d.sd * portable::normal_quantile(a_ + u * (b_ - a_)), d.min, d.max);
        case Kind::lognormal: return portable::exp(mu_ + sigma_ * portable::normal_quantile(u));
        case Kind::empirical: {
            const auto n = d.values.size();
            return d.values[std::min(n - 1, static_cast<std::size_t>(u * double(n)))];
        }
    }
    return d.value;
}

}  // namespace detail

Distribution Distribution::scaled(double k) const {
    Distribution d = *this;
    for (double* x : {&d.value, &d.min, &d.max, &d.mode, &d.mean, &d.sd, &d.p50, &d.p95}) *x *= k;
    for (double& x : d.values) x *= k;
    return d;
}

double Distribution::quantile(double u) const noexcept { return detail::Sampler(*this).at(u); }

}  // namespace costsim
