/**
 * What several instances sharing one database agree on: who an instance is, and what time it is (the database's
 * clock, never an instance's own, decides leases and rates).
 */
package io.mipro.fleet;
