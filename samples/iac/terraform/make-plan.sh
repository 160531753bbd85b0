#!/usr/bin/env bash
# Regenerates plan.json: terraform plan of this folder against moto_server on 127.0.0.1, then terraform show -json.
# Needs terraform (with the hashicorp/aws provider in a local mirror: TF_PLUGIN_MIRROR, default /opt/tf-plugins) and
# moto_server. Run from anywhere: bash samples/iac/terraform/make-plan.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
work=$(mktemp -d)
trap 'kill "$moto_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/moto-api/" >/dev/null 2>&1 && break; sleep 0.2; done

cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct { exclude = ["registry.terraform.io/hashicorp/aws"] }
}
RC
export TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1 TF_DATA_DIR=$work/.terraform CHECKPOINT_DISABLE=1
cp -r "$here"/*.tf "$here/modules" "$work/"
cd "$work"
terraform init -input=false -no-color >/dev/null
terraform plan -input=false -no-color -var "moto_endpoint=http://127.0.0.1:$port" -out plan.out >/dev/null
terraform show -json plan.out | python3 -c 'import json,sys; json.dump(json.load(sys.stdin), sys.stdout, indent=1); print()' >"$here/plan.json"
echo "wrote $here/plan.json"
