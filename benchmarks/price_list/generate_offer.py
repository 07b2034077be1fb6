#!/usr/bin/env python3
"""Writes a large AmazonEC2 offer file in the real structure (products, then terms.OnDemand and
terms.Reserved) for the import throughput benchmark. The output is generated, never committed.

    python3 benchmarks/price_list/generate_offer.py OUT.json [SIZE_MB]   # default 1100 MB
    python3 benchmarks/price_list/generate_offer.py OUT.csv [SIZE_MB] --csv   # the CSV variant

Every instance type appears in all combinations of operating system, tenancy, pre-installed
software and capacity status, as in a real region file, so about 1 product in 81 matches the
importer's Linux / Shared / NA / Used filter. Each product has an on-demand term and 12 reserved
terms (1yr/3yr x standard/convertible x no/partial/all upfront). Prices are made up. The CSV
variant has the real file's layout (the metadata lines, then the 83-column header of AWS's EC2 CSV,
as in tests/data/price-list/ligoj-AmazonEC2-eu-west-1.csv) and one row per price dimension.
"""
import csv
import itertools
import sys

ARGS = [a for a in sys.argv[1:] if a != "--csv"]
CSV = "--csv" in sys.argv[1:]
OUT = ARGS[0]
TARGET = int(ARGS[1] if len(ARGS) > 1 else 1100) * 1_000_000
CSV_HEADER = ("SKU,OfferTermCode,RateCode,TermType,PriceDescription,EffectiveDate,StartingRange,EndingRange,Unit,"
              "PricePerUnit,Currency,RelatedTo,LeaseContractLength,PurchaseOption,OfferingClass,Product Family,"
              "serviceCode,Location,Location Type,Instance Type,Current Generation,Instance Family,vCPU,"
              "Physical Processor,Clock Speed,Memory,Storage,Network Performance,Processor Architecture,Storage Media,"
              "Volume Type,Max Volume Size,Max IOPS/volume,Max IOPS Burst Performance,Max throughput/volume,"
              "Provisioned,Tenancy,EBS Optimized,Operating System,License Model,Group,Group Description,"
              "Transfer Type,From Location,From Location Type,To Location,To Location Type,usageType,operation,"
              "CapacityStatus,Dedicated EBS Throughput,ECU,Elastic Graphics Type,Enhanced Networking Supported,GPU,"
              "GPU Memory,Instance,Instance Capacity - 10xlarge,Instance Capacity - 12xlarge,"
              "Instance Capacity - 16xlarge,Instance Capacity - 18xlarge,Instance Capacity - 24xlarge,"
              "Instance Capacity - 2xlarge,Instance Capacity - 32xlarge,Instance Capacity - 4xlarge,"
              "Instance Capacity - 8xlarge,Instance Capacity - 9xlarge,Instance Capacity - large,"
              "Instance Capacity - medium,Instance Capacity - metal,Instance Capacity - xlarge,instanceSKU,"
              "Intel AVX Available,Intel AVX2 Available,Intel Turbo Available,Normalization Size Factor,"
              "Physical Cores,Pre Installed S/W,Processor Features,Product Type,Resource Type,serviceName,"
              "Volume API Name").split(",")

SYSTEMS = [("Linux", "RunInstances"), ("Windows", "RunInstances:0002"), ("RHEL", "RunInstances:0010"),
           ("SUSE", "RunInstances:000g"), ("Ubuntu Pro", "RunInstances:0g00"), ("Red Hat Enterprise Linux with HA", "RunInstances:1010"),
           ("Linux/UNIX", "RunInstances:0004"), ("Windows BYOL", "RunInstances:0800"), ("Red Hat BYOL Linux", "RunInstances:00g0")]
TENANCY = ["Shared", "Dedicated", "Host"]
SOFTWARE = ["NA", "SQL Std", "SQL Web"]
CAPACITY = ["Used", "UnusedCapacityReservation", "AllocatedCapacityReservation"]
RESERVED = [(length, cls, option, code) for (length, cls, option), code in zip(
    itertools.product(["1yr", "3yr"], ["standard", "convertible"], ["No Upfront", "Partial Upfront", "All Upfront"]),
    ["4NA7Y494T4", "HU7G6KETJZ", "6QCMYABX3D", "7NE97W5U4E", "CUZHX8X6JH", "VJWZNREJX2",
     "BPH4J8HBKS", "38NPMPTW36", "NQ3QZPMQV9", "Z2E3P23VKM", "R5XV2EPZQZ", "MZU6U2429S"])]
SIZES = [("large", 2, 8), ("xlarge", 4, 16), ("2xlarge", 8, 32), ("4xlarge", 16, 64), ("8xlarge", 32, 128),
         ("12xlarge", 48, 192), ("16xlarge", 64, 256), ("24xlarge", 96, 384), ("metal", 96, 384), ("medium", 1, 4)]


def types():
    for gen in range(1, 10):
        for letter in "cmrxzitdhgpf":
            for suffix in ["", "a", "g", "d", "n", "gd", "i", "in", "e", "id"]:
                for size, vcpu, mem in SIZES:
                    yield f"{letter}{gen}{suffix}.{size}", vcpu, mem, "g" in suffix


def sku_of(n):
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    s = ""
    for _ in range(16):
        s += alphabet[n % len(alphabet)]
        n //= len(alphabet)
    return s


def product(sku, itype, vcpu, mem, arm, os, op, tenancy, sw, cap):
    return f'''    "{sku}" : {{
      "sku" : "{sku}",
      "productFamily" : "Compute Instance",
      "attributes" : {{
        "servicecode" : "AmazonEC2",
        "location" : "US East (N. Virginia)",
        "locationType" : "AWS Region",
        "instanceType" : "{itype}",
        "currentGeneration" : "Yes",
        "instanceFamily" : "General purpose",
        "vcpu" : "{vcpu}",
        "physicalProcessor" : "{'AWS Graviton3 Processor' if arm else 'Intel Xeon Platinum 8375C (Ice Lake)'}",
        "clockSpeed" : "3.5 GHz",
        "memory" : "{mem} GiB",
        "storage" : "EBS only",
        "networkPerformance" : "Up to 12500 Megabit",
        "processorArchitecture" : "64-bit",
        "tenancy" : "{tenancy}",
        "operatingSystem" : "{os}",
        "licenseModel" : "No License required",
        "usagetype" : "BoxUsage:{itype}",
        "operation" : "{op}",
        "availabilityzone" : "NA",
        "capacitystatus" : "{cap}",
        "classicnetworkingsupport" : "false",
        "dedicatedEbsThroughput" : "Up to 10000 Mbps",
        "ecu" : "NA",
        "enhancedNetworkingSupported" : "Yes",
        "gpuMemory" : "NA",
        "intelAvxAvailable" : "Yes",
        "intelAvx2Available" : "Yes",
        "intelTurboAvailable" : "Yes",
        "marketoption" : "OnDemand",
        "normalizationSizeFactor" : "4",
        "preInstalledSw" : "{sw}",
        "processorFeatures" : "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo",
        "regionCode" : "us-east-1",
        "servicename" : "Amazon Elastic Compute Cloud",
        "vpcnetworkingsupport" : "true"
      }}
    }}'''


def dimension(sku, code, rate, desc, unit, price, ranged=True):
    ranges = '"beginRange" : "0",\n            "endRange" : "Inf",\n            ' if ranged else ""
    return f'''          "{sku}.{code}.{rate}" : {{
            "rateCode" : "{sku}.{code}.{rate}",
            "description" : "{desc}",
            {ranges}"unit" : "{unit}",
            "pricePerUnit" : {{
              "USD" : "{price:.10f}"
            }},
            "appliesTo" : [ ]
          }}'''


def term(sku, code, dims, attrs):
    attr_text = ",\n".join(f'          "{k}" : "{v}"' for k, v in attrs.items())
    return f'''      "{sku}.{code}" : {{
        "offerTermCode" : "{code}",
        "sku" : "{sku}",
        "effectiveDate" : "2026-03-01T00:00:00Z",
        "priceDimensions" : {{
{",".join(dims)}
        }},
        "termAttributes" : {{
{attr_text}
        }}
      }}'''


def all_products():
    products = []
    for itype, vcpu, mem, arm in types():
        for (os, op), tenancy, sw, cap in itertools.product(SYSTEMS, TENANCY, SOFTWARE, CAPACITY):
            products.append((sku_of(len(products) * 7919 + 17), itype, vcpu, mem, arm, os, op, tenancy, sw, cap))
    return products


def reserved_dimensions(price, option):
    """(unit, price) of each dimension of a reserved term: the upfront fee first, then the hourly rate."""
    hourly = 0.0 if option == "All Upfront" else price * (0.6 if option == "No Upfront" else 0.3)
    dims = [("Hrs", hourly)]
    if option != "No Upfront":
        dims.insert(0, ("Quantity", price * 8760 * (0.3 if option == "Partial Upfront" else 0.55)))
    return dims


def main_csv():
    products = all_products()
    written = count = 0
    with open(OUT, "w", newline="") as f:
        f.write('"FormatVersion","v1.0"\n"Disclaimer","Generated for a benchmark; prices are made up."\n'
                '"Publication Date","2026-03-20T04:29:25Z"\n"Version","20260320042925"\n"OfferCode","AmazonEC2"\n')
        out = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        out.writerow(CSV_HEADER)
        column = {name: i for i, name in enumerate(CSV_HEADER)}
        for i, (sku, itype, vcpu, mem, arm, os, op, tenancy, sw, cap) in enumerate(products):
            row = [""] * len(CSV_HEADER)
            for name, value in [("Product Family", "Compute Instance"), ("serviceCode", "AmazonEC2"),
                                ("Location", "US East (N. Virginia)"), ("Location Type", "AWS Region"),
                                ("Instance Type", itype), ("Current Generation", "Yes"),
                                ("Instance Family", "General purpose"), ("vCPU", str(vcpu)),
                                ("Physical Processor", "AWS Graviton3 Processor" if arm else "Intel Xeon Platinum 8375C (Ice Lake)"),
                                ("Clock Speed", "3.5 GHz"), ("Memory", f"{mem} GiB"), ("Storage", "EBS only"),
                                ("Network Performance", "Up to 12500 Megabit"), ("Processor Architecture", "64-bit"),
                                ("Tenancy", tenancy), ("Operating System", os), ("License Model", "No License required"),
                                ("usageType", f"BoxUsage:{itype}"), ("operation", op), ("CapacityStatus", cap),
                                ("ECU", "NA"), ("Enhanced Networking Supported", "Yes"), ("Intel AVX Available", "Yes"),
                                ("Intel AVX2 Available", "Yes"), ("Intel Turbo Available", "Yes"),
                                ("Normalization Size Factor", "4"), ("Pre Installed S/W", sw),
                                ("Processor Features", "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo"),
                                ("serviceName", "Amazon Elastic Compute Cloud")]:
                row[column[name]] = value
            price = 0.01 * vcpu + 0.0001 * (i % 97)
            terms = [("JRTCKXETXF", "OnDemand", "", "", "", [("Hrs", price)])]
            terms += [(code, "Reserved", length, option, cls, reserved_dimensions(0.01 * vcpu, option))
                      for length, cls, option, code in RESERVED]
            for code, kind, length, option, cls, dims in terms:
                for n, (unit, value) in enumerate(dims):
                    row[column["OfferTermCode"]], row[column["TermType"]] = code, kind
                    row[column["SKU"]], row[column["RateCode"]] = sku, f"{sku}.{code}.{'2TG2D8R56U' if unit == 'Quantity' else '6YS6EN2CT7'}"
                    row[column["PriceDescription"]] = "Upfront Fee" if unit == "Quantity" else f"{os} ({itype}) instance hour"
                    row[column["EffectiveDate"]] = "2026-03-01"
                    row[column["StartingRange"]], row[column["EndingRange"]] = ("", "") if unit == "Quantity" else ("0", "Inf")
                    row[column["Unit"]], row[column["PricePerUnit"]], row[column["Currency"]] = unit, f"{value:.10f}", "USD"
                    row[column["LeaseContractLength"]], row[column["PurchaseOption"]], row[column["OfferingClass"]] = length, option, cls
                    out.writerow(row)
            count += 1
            written = f.tell()
            if written > TARGET:
                break
    print(f"{OUT}: {written / 1e6:.0f} MB, {count} products")


def main():
    products = all_products()
    written = 0
    with open(OUT, "w") as f:
        def put(text):
            nonlocal written
            f.write(text)
            written += len(text)
        put('{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "Generated for a benchmark; prices are made up.",\n'
            '  "offerCode" : "AmazonEC2",\n  "version" : "20260320042925",\n  "publicationDate" : "2026-03-20T04:29:25Z",\n'
            '  "products" : {\n')
        # Each product is ~1.6 KB and its terms ~11 KB: stop adding products at the target size.
        count = 0
        for i, p in enumerate(products):
            put((",\n" if i else "") + product(*p))
            count += 1
            if count * 12_600 > TARGET:
                break
        put('\n  },\n  "terms" : {\n    "OnDemand" : {\n')
        for i, p in enumerate(products[:count]):
            sku, price = p[0], 0.01 * p[2] + 0.0001 * (i % 97)
            t = term(sku, "JRTCKXETXF", [dimension(sku, "JRTCKXETXF", "6YS6EN2CT7", f"${price:.4f} per On Demand {p[5]} {p[1]} Instance Hour", "Hrs", price)], {})
            put((",\n" if i else "") + f'      "{sku}" : {{\n{t}\n      }}')
        put('\n    },\n    "Reserved" : {\n')
        for i, p in enumerate(products[:count]):
            sku, price = p[0], 0.01 * p[2]
            terms = []
            for length, cls, option, code in RESERVED:
                dims = [dimension(sku, code, "6YS6EN2CT7", f"{p[5]} ({p[1]}) reserved instance applied", unit, value)
                        if unit == "Hrs" else
                        dimension(sku, code, "2TG2D8R56U", "Upfront Fee", unit, value, ranged=False)
                        for unit, value in reserved_dimensions(price, option)]
                terms.append(term(sku, code, dims, {"LeaseContractLength": length, "OfferingClass": cls, "PurchaseOption": option}))
            put((",\n" if i else "") + f'      "{sku}" : {{\n' + ",\n".join(terms) + "\n      }")
        put('\n    }\n  },\n  "attributesList" : { }\n}\n')
    print(f"{OUT}: {written / 1e6:.0f} MB, {count} products")


main_csv() if CSV else main()
