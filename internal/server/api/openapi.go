package api

import _ "embed"

// openAPIDoc is the OpenAPI 3 description of the API, kept by hand next to
// the handlers; a test checks that it lists exactly the routes served.
//
//go:embed openapi.json
var openAPIDoc []byte
