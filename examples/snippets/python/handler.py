from secret_baker import get_secret


def hello(event, context):
    password = get_secret("MY_SECRET")  # one KMS call per container, none when warm
    return {"statusCode": 200, "body": "MY_SECRET has %d characters" % len(password)}
