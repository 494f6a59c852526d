// zlib is linked through the header in include/; this file exists so SwiftPM builds the target.
