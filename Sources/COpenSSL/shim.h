// OpenSSL libcrypto: message digests (SHA-256) for content hashes of inputs and specs.
#include <openssl/evp.h>
