#!/usr/bin/env bash
# Generates a Java client from the running service's /v3/api-docs with openapi-generator (Maven Central), without
# skipping validation, builds it and runs ClientCheck with it. Usage: .ci/generated-client/run.sh http://127.0.0.1:PORT
set -euo pipefail
cd "$(dirname "$0")/../.."
base=$1
version=7.17.0
out=target/generated-client
rm -rf "$out"
mkdir -p "$out"
./mvnw -q dependency:copy -Dartifact="org.openapitools:openapi-generator-cli:$version" -DoutputDirectory="$out" -Dmdep.stripVersion=true
curl -fs "$base/v3/api-docs" > "$out/api-docs.json"
java -jar "$out/openapi-generator-cli.jar" validate -i "$out/api-docs.json"
java -jar "$out/openapi-generator-cli.jar" generate -g java --library native -i "$out/api-docs.json" -o "$out/java" \
  --api-package io.mipro.client.api --model-package io.mipro.client.model --invoker-package io.mipro.client \
  > "$out/generate.log"
mkdir -p "$out/java/src/main/java/check"
cp .ci/generated-client/ClientCheck.java "$out/java/src/main/java/check/"
./mvnw -q -f "$out/java/pom.xml" package dependency:copy-dependencies -DskipTests -Dmaven.javadoc.skip=true
java -cp "$out/java/target/openapi-java-client-v1.jar:$out/java/target/dependency/*" check.ClientCheck "$base" \
  data/train.json data/dev.json "$out/artifact.json"
