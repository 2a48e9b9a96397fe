"""Sets up and inspects a moto_server for the staging tests (boto3 ships with moto).

setup ENDPOINT BUCKET            -> JSON: a user's long-lived key and STS AssumeRole credentials
sha256 ENDPOINT BUCKET KEY       -> hex SHA-256 of the stored object (read with the user's key)
open-uploads ENDPOINT BUCKET     -> JSON list of keys with a multipart upload still open
encode-key KEY                   -> the key as botocore puts it in an S3 url path
sign METHOD URL AMZDATE ACCESS SECRET TOKEN -> the Authorization header botocore computes (UNSIGNED-PAYLOAD)
The user's key comes from MOTO_USER_KEY / MOTO_USER_SECRET for the last two.
"""
import hashlib
import json
import os
import sys

import boto3
from botocore.config import Config

CONFIG = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
ACCOUNT = "123456789012"
USER = "mapbox-staging"


def client(service, endpoint, **credentials):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", config=CONFIG, **credentials)


def user_credentials():
    return dict(aws_access_key_id=os.environ["MOTO_USER_KEY"], aws_secret_access_key=os.environ["MOTO_USER_SECRET"])


def setup(endpoint, bucket):
    # These five calls are the unauthenticated ones (INITIAL_NO_AUTH_ACTION_COUNT=5); everything after is SigV4-checked.
    bootstrap = dict(aws_access_key_id="AKIABOOTSTRAP0000000", aws_secret_access_key="bootstrap")
    iam = client("iam", endpoint, **bootstrap)
    iam.create_user(UserName=USER)
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    iam.put_user_policy(
        UserName=USER,
        PolicyName="assume-and-inspect",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "s3:*"], "Resource": "*"}]}),
    )
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/{USER}"}, "Action": "sts:AssumeRole"}]}
    role = iam.create_role(RoleName="staging-writer", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
    iam.put_role_policy(
        RoleName="staging-writer",
        PolicyName="write-staging",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}),
    )
    user = dict(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    client("s3", endpoint, **user).create_bucket(Bucket=bucket)
    temporary = client("sts", endpoint, **user).assume_role(RoleArn=role["Arn"], RoleSessionName="mapbox-staging")["Credentials"]
    print(json.dumps({
        "userKey": key["AccessKeyId"],
        "userSecret": key["SecretAccessKey"],
        "accessKeyId": temporary["AccessKeyId"],
        "secretAccessKey": temporary["SecretAccessKey"],
        "sessionToken": temporary["SessionToken"],
    }))


def sha256(endpoint, bucket, key):
    body = client("s3", endpoint, **user_credentials()).get_object(Bucket=bucket, Key=key)["Body"]
    digest = hashlib.sha256()
    for chunk in iter(lambda: body.read(1 << 20), b""):
        digest.update(chunk)
    print(digest.hexdigest())


def open_uploads(endpoint, bucket):
    answer = client("s3", endpoint, **user_credentials()).list_multipart_uploads(Bucket=bucket)
    print(json.dumps([upload["Key"] for upload in answer.get("Uploads", [])]))


def encode_key(key):
    from botocore.utils import percent_encode

    print(percent_encode(key, safe="/~"))


def sign(method, url, amz_date, access_key, secret, token):
    from botocore.auth import S3SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    headers = {"x-amz-content-sha256": "UNSIGNED-PAYLOAD", "x-amz-date": amz_date, "x-amz-security-token": token}
    request = AWSRequest(method=method, url=url, headers=headers)
    request.context["timestamp"] = amz_date
    auth = S3SigV4Auth(Credentials(access_key, secret, token), "s3", "us-east-1")
    canonical = auth.canonical_request(request)
    signature = auth.signature(auth.string_to_sign(request, canonical), request)
    signed = auth.signed_headers(auth.headers_to_sign(request))
    scope = f"{amz_date[:8]}/us-east-1/s3/aws4_request"
    print(f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, SignedHeaders={signed}, Signature={signature}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"setup": setup, "sha256": sha256, "open-uploads": open_uploads, "sign": sign, "encode-key": encode_key}[command](*args)
