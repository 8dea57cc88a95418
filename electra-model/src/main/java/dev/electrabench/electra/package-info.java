/** ELECTRA: generator + discriminator trained jointly with replaced-token detection. */
package dev.electrabench.electra;
