"""Decrypts secrets baked into secret-baker-secrets.json, once per container.

Module-level state survives between invocations of a warm Lambda container, so each secret costs one KMS
Decrypt per container and none when warm.
"""

import base64
import json
import os
import threading

import boto3

FILE_NAME = "secret-baker-secrets.json"

_lock = threading.Lock()
_secrets_file = None  # the parsed file, read on first use
_kms_clients = {}  # region -> KMS client
_plaintexts = {}  # name -> plaintext


def _secrets_file_path():
    if os.environ.get("SECRET_BAKER_FILE"):
        return os.environ["SECRET_BAKER_FILE"]
    return os.path.join(os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()), FILE_NAME)


def _entries():
    global _secrets_file
    if _secrets_file is None:
        with open(_secrets_file_path(), encoding="utf-8") as f:
            _secrets_file = json.load(f)
    return _secrets_file


def _kms_for(parameter_arn):
    # A SecureString's key lives in its parameter's region: arn:<partition>:ssm:<region>:<account>:parameter/<name>
    region = parameter_arn.split(":")[3]
    client = _kms_clients.get(region)
    if client is None:
        # Recent boto3 reads these variables itself; reading them here serves older ones too (e.g. Debian's).
        endpoint = os.environ.get("AWS_ENDPOINT_URL_KMS") or os.environ.get("AWS_ENDPOINT_URL") or None
        client = boto3.client("kms", region_name=region, endpoint_url=endpoint)
        _kms_clients[region] = client
    return client


def get_secret(name):
    """The secret's plaintext; the first call per container decrypts it with KMS, later calls reuse it."""
    value = _plaintexts.get(name)
    if value is not None:
        return value
    with _lock:  # concurrent first callers share one KMS call
        value = _plaintexts.get(name)
        if value is not None:
            return value
        entries = _entries()
        entry = entries.get(name)
        if entry is None:
            raise KeyError("No secret named '%s' in %s; secrets present: %s" % (name, FILE_NAME, ", ".join(entries)))
        response = _kms_for(entry["arn"]).decrypt(
            CiphertextBlob=base64.b64decode(entry["ciphertext"]),
            EncryptionContext={"PARAMETER_ARN": entry["arn"]},
        )
        # Only a success is kept: after a failure the next call tries again.
        value = response["Plaintext"].decode("utf-8")
        _plaintexts[name] = value
        return value
