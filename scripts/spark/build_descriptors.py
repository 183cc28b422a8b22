"""Write the Spark Connect protocol as a serialized google.protobuf.FileDescriptorSet.

The descriptors come from the generated *_pb2 modules of the installed pyspark wheel, so the
TypeScript client always speaks the protocol of the Spark release it is tested against and no
file from Spark's repository is committed. Usage: build_descriptors.py OUT.desc
"""
import importlib
import pkgutil
import sys

from google.protobuf import descriptor_pb2

import pyspark
import pyspark.sql.connect.proto as proto_pkg


def collect(file_descriptor, seen, ordered):
    # Dependencies first, so a loader can resolve each file's imports in order.
    if file_descriptor.name in seen:
        return
    seen.add(file_descriptor.name)
    for dep in file_descriptor.dependencies:
        collect(dep, seen, ordered)
    ordered.append(file_descriptor)


def main(out_path):
    seen, ordered = set(), []
    for module_info in pkgutil.iter_modules(proto_pkg.__path__):
        if not module_info.name.endswith("_pb2"):
            continue
        module = importlib.import_module(proto_pkg.__name__ + "." + module_info.name)
        collect(module.DESCRIPTOR, seen, ordered)
    descriptor_set = descriptor_pb2.FileDescriptorSet()
    for file_descriptor in ordered:
        file_proto = descriptor_set.file.add()
        file_proto.ParseFromString(file_descriptor.serialized_pb)
    with open(out_path, "wb") as out:
        out.write(descriptor_set.SerializeToString())
    print(f"wrote {out_path}: {len(ordered)} proto files from pyspark {pyspark.__version__}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_descriptors.py OUT.desc")
    main(sys.argv[1])
