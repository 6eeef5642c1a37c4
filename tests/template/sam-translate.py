"""Prints template.yaml as CloudFormation would see it after the AWS::Serverless transform (JSON on stdout).

Runs SAM's own translator (samtranslator, installed with the SAM CLI in .venv) offline: the region is fixed, the
state machine definition is inlined from its DefinitionUri and CodeUri is replaced by a placeholder S3 location, as
`sam package` would. The managed policies SAM may attach are resolved from a fixed list instead of IAM.
Usage: .venv/bin/python tests/template/sam-translate.py template.yaml
"""
import json
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

MANAGED_POLICIES = {
    name: f"arn:aws:iam::aws:policy/{path}{name}"
    for path, name in [
        ("service-role/", "AWSLambdaBasicExecutionRole"),
        ("service-role/", "AWSLambdaSQSQueueExecutionRole"),
        ("service-role/", "AWSLambdaDynamoDBExecutionRole"),
        ("service-role/", "AWSLambdaKinesisExecutionRole"),
        ("", "AWSXrayWriteOnlyAccess"),
        ("", "AWSXRayDaemonWriteAccess"),
    ]
}


class FixedPolicyLoader:
    def load(self):
        return MANAGED_POLICIES


def main(path):
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as handle:
        template = yaml_parse(handle.read())
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = "s3://bucket/code.zip"
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::Serverless::Function" and "CodeUri" in props:
            props["CodeUri"] = "s3://bucket/code.zip"
        if resource["Type"] == "AWS::Serverless::StateMachine" and isinstance(props.get("DefinitionUri"), str):
            with open(os.path.join(base, props.pop("DefinitionUri")), encoding="utf-8") as definition:
                props["Definition"] = json.load(definition)
    json.dump(transform(template, {}, FixedPolicyLoader()), sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
